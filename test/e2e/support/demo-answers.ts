import type { Answers } from '../../../src/contract/cases.js';

/** A file question is answered by picking one PDF through the file chooser. */
export const FILE = ['picked-by-keyboard'];

/**
 * Applying for school transport for medical reasons: a step that only this reason brings, and a certificate.
 * Anna Andersson logs in; her child Maja is listed from the population register and the home address prefilled.
 */
export const SCHOOL_TRANSPORT: Answers = {
  child: '201605120243', school: 'norrby', grade: '3', placementSchool: true, startDate: '2027-01-11',
  distanceKm: '4,2', reason: 'medicinska', tripTimes: ['morgon', 'eftermiddag'],
  medicalDescription: 'Alva har ett gipsat ben efter en fraktur och kan inte gå till bussen.',
  medicalCertificate: FILE, medicalDuration: 'tillfalligt', medicalEndDate: '2027-06-11', travelNeeds: ['rullstol', 'dorrtilldorr'],
  guardianPhone: '070-123 45 67', guardianEmail: 'sara.lind@exempel.se', confirm: true,
};
