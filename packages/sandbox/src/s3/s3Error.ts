import { AwsError } from '../awsError.js';

/**
 * An S3 error: AWS's code, message and HTTP status, plus the members S3 adds
 * to its XML `<Error>` (e.g. `BucketName`, `Key`).
 * https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html#ErrorCodeList
 */
export class S3Error extends AwsError {
  constructor(
    code: string,
    message: string,
    statusCode: number,
    readonly detail: Readonly<Record<string, string>> = {},
  ) {
    super(code, message, statusCode);
  }
}

export const noSuchBucket = (bucket: string): S3Error =>
  new S3Error('NoSuchBucket', 'The specified bucket does not exist', 404, { BucketName: bucket });

export const noSuchKey = (key: string): S3Error =>
  new S3Error('NoSuchKey', 'The specified key does not exist.', 404, { Key: key });

export const bucketAlreadyOwnedByYou = (bucket: string): S3Error =>
  new S3Error(
    'BucketAlreadyOwnedByYou',
    'Your previous request to create the named bucket succeeded and you already own it.',
    409,
    { BucketName: bucket },
  );

export const bucketNotEmpty = (bucket: string): S3Error =>
  new S3Error('BucketNotEmpty', 'The bucket you tried to delete is not empty', 409, { BucketName: bucket });

export const invalidBucketName = (bucket: string): S3Error =>
  new S3Error('InvalidBucketName', 'The specified bucket is not valid.', 400, { BucketName: bucket });

export const malformedXml = (): S3Error =>
  new S3Error(
    'MalformedXML',
    'The XML you provided was not well-formed or did not validate against our published schema',
    400,
  );

export const invalidArgument = (message: string, name: string, value: string): S3Error =>
  new S3Error('InvalidArgument', message, 400, { ArgumentName: name, ArgumentValue: value });

/** What the sandbox's S3 subset does not emulate, in S3's own words and status. */
export const notImplemented = (what: string): S3Error =>
  new S3Error(
    'NotImplemented',
    `A header or query you provided implies functionality that is not implemented (the dynamo-dr sandbox does not emulate ${what}).`,
    501,
  );
