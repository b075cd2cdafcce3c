/** The account id in every ARN the sandbox makes (dynalite's default, too). */
export const SANDBOX_ACCOUNT = '000000000000';
