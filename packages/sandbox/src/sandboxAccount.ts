/**
 * The account id in every ARN the sandbox makes, whatever the service (DynamoDB, SSM, Lambda, ...), and the one
 * dynalite is told to use. 123456789012 is the account AWS's own documentation and CLI examples use, so ARNs
 * copied between those examples and the sandbox read alike; it is also the one the sandbox's DynamoDB ARNs
 * always had, so a data directory's backup ARNs stay valid.
 */
export const SANDBOX_ACCOUNT = '123456789012';
