/**
 * The old name of testEngine.ts, kept only because web/session/session.test.ts still imports it
 * while that folder is being rewritten on another branch. Delete once nothing imports it.
 */
export * from './testEngine';
