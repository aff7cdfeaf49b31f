/**
 * Everything the workerd tests share, from one place: calling the Worker (api), building an
 * organisation with a user per role and dossiers in any state (world), assertions, the web
 * session helpers, the mail helpers, the D1 probe and the race barrier.
 */
export * from './api';
export * from './world';
export * from './assertions';
export * from './race';
export * from './web';
export * from './mail';
export * from './d1-probe';
export * from './webauthn';
export * from './outbound';
export * from './development';
export * from './figures';
export * from './consultations';
