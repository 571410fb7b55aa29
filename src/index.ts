export * from './role-pattern-props';
export * from './role-pattern';
export * from './lambda-execution-role';
export * from './role-checks';
export * from './cross-account-role';
export * from './web-identity-provider';
export * from './web-identity-role';
export * from './break-glass-role';
