/**
 * S3's general purpose bucket naming rules: 3–63 characters of lowercase
 * letters, digits, dots and hyphens, beginning and ending with a letter or
 * digit, no two adjacent dots, not formatted as an IP address, and none of
 * the reserved prefixes and suffixes.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
 */
export function isValidBucketName(name: string): boolean {
  return (
    /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(name) &&
    !name.includes('..') &&
    !/^\d+\.\d+\.\d+\.\d+$/.test(name) &&
    !/^(xn--|sthree-|amzn-s3-demo-)/.test(name) &&
    !/(-s3alias|--ol-s3|--x-s3|--table-s3|\.mrap)$/.test(name)
  );
}
