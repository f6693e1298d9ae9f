export { BankIdSimulator, SimulatorError, SIM_ACTIONS, type SimAction, type SimOrderView, type SimulatorOptions } from './simulator.js';
export { TEST_PERSONS, TEST_MOBILE_POLICY, isValidPersonalNumber, type SimPerson } from './persons.js';
export { createPki, type SimulatorPki } from './certs.js';
