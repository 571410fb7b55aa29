/** The formats IAM accepts for a role's name and path (IAM User Guide, "IAM and AWS STS quotas"; CreateRole API). */

/** IAM role names: 1-64 characters of letters, digits and `+=,.@_-` (CreateRole API). */
export const ROLE_NAME_PATTERN = /^[\w+=,.@-]{1,64}$/;

/** IAM paths: 1-512 characters from U+0021 to U+007F, starting and ending with `/`. */
export const ROLE_PATH_PATTERN = /^\/([\u0021-\u007F]{0,510}\/)?$/;
