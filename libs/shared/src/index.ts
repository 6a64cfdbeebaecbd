export * from './i18n';
export * from './errors';
export * from './domain';
export * from './api-types';
export * from './registration';
export * from './rules';
export * from './availability';
export * from './booking-check';
