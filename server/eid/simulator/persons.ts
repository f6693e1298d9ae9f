/**
 * The simulator's test persons: people with a (pretend) Mobile BankID. The personnummer
 * are made up, with a valid check digit; the gender digit fits the name. Anna and Erik
 * Andersson are a couple who share custody of children (the population-register fixture
 * will say which), for cosigning. Lars Lindqvist's BankID is meant for failure cases.
 * Tomasz Nowak holds a samordningsnummer (day of birth + 60) and is not folkbokförd, so the
 * register has no address for him.
 */
export interface SimPerson {
  personalNumber: string;
  givenName: string;
  surname: string;
  name: string;
  /** YYYY-MM-DD: when the BankID was issued. */
  bankIdIssueDate: string;
  /** The certificate policy of the BankID: 1.2.752.78.1.5 is Mobile BankID in production, 1.2.3.4.25 in test. */
  certificatePolicy: string;
  /** The IP address of the person's phone, as BankID would see it. */
  deviceIp: string;
  /** A stable unique hardware id for the person's device. */
  uhi: string;
  /** A note for the test app page. */
  note: string;
}

/** Mobile BankID's certificate policy in BankID's test environment. */
export const TEST_MOBILE_POLICY = '1.2.3.4.25';

function person(personalNumber: string, givenName: string, surname: string, issued: string, deviceIp: string, uhi: string, note: string): SimPerson {
  return { personalNumber, givenName, surname, name: `${givenName} ${surname}`, bankIdIssueDate: issued, certificatePolicy: TEST_MOBILE_POLICY, deviceIp, uhi, note };
}

export const TEST_PERSONS: readonly SimPerson[] = [
  person('198001012387', 'Anna', 'Andersson', '2023-04-12', '192.0.2.11', 'OZvYM9VvyiAmG7NA5jU5zqGcVpo=', 'Vårdnadshavare, delar vårdnaden med Erik Andersson'),
  person('198203154599', 'Erik', 'Andersson', '2022-11-03', '192.0.2.12', 'kP3x9Qw2Lr8Vt1Yb6Hn0Zs4Jd7E=', 'Vårdnadshavare, delar vårdnaden med Anna Andersson'),
  person('197506203020', 'Fatima', 'Hassan', '2024-01-22', '192.0.2.13', 'Hc2Tn8Rw5Qz1Mv7Bx4Ks9Lp3Fd6=', 'Vuxen, ensam vårdnadshavare'),
  person('199109115676', 'Johan', 'Nilsson', '2021-06-30', '192.0.2.14', 'Zt5Wq1Nc8Xr3Bv6Hm2Kd9Ly4Pf7=', 'Vuxen utan barn'),
  person('196402281239', 'Lars', 'Lindqvist', '2019-09-09', '192.0.2.15', 'Qm7Lx3Vc9Tr1Hb5Nw2Fz8Kd4Ys6=', 'För felfall: spärrat eller för gammalt BankID (certificateErr)'),
  person('198812047804', 'Sara', 'Öberg', '2025-02-14', '192.0.2.16', 'Bn4Fr8Ws2Xq6Lc1Tz9Hm5Kv3Pd7=', 'Vuxen med skyddad folkbokföring i registerfixturen'),
  person('199003657195', 'Tomasz', 'Nowak', '2024-08-19', '192.0.2.17', 'Tn6Jw2Xc8Qr4Lv1Bz7Hk3Md9Fs5=', 'Samordningsnummer, inte folkbokförd: ingen adress i registerfixturen'),
];

/** The Luhn check digit over the last ten digits, as Skatteverket computes it. */
export function isValidPersonalNumber(personalNumber: string): boolean {
  if (!/^\d{12}$/.test(personalNumber)) return false;
  const ten = personalNumber.slice(2);
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    let digit = Number(ten[i]) * (i % 2 === 0 ? 2 : 1);
    if (digit > 9) digit -= 9;
    sum += digit;
  }
  return sum % 10 === 0;
}
