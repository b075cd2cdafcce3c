import { invalidArgument } from './s3Error.js';

/**
 * Decodes an `aws-chunked` request body (SigV4 streaming uploads and the
 * SDK's trailing checksums): `hex-size[;chunk-signature=…]\r\n<bytes>\r\n`
 * repeated, ending with a zero-size chunk and optional trailer lines. The
 * signatures are not checked (the sandbox checks no signature).
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming.html
 */
export function decodeAwsChunked(body: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = body.indexOf('\r\n', at);
    if (lineEnd < 0) throw malformedChunk();
    const size = Number.parseInt(body.subarray(at, lineEnd).toString('latin1').split(';')[0] as string, 16);
    if (!Number.isInteger(size) || size < 0) throw malformedChunk();
    at = lineEnd + 2;
    if (size === 0) return Buffer.concat(parts);
    if (at + size > body.length) throw malformedChunk();
    parts.push(body.subarray(at, at + size));
    at += size + 2;
  }
}

const malformedChunk = () =>
  invalidArgument('The aws-chunked request body is malformed.', 'Content-Encoding', 'aws-chunked');
