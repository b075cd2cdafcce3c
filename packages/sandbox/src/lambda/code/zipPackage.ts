import yazl from 'yazl';

/**
 * A deployment package (.zip) holding `files` (path inside the package → content), as a bundler's zip step makes
 * one; yazl writes it, as yauzl reads it in `unzipPackage`.
 */
export async function zipPackage(files: Readonly<Record<string, Uint8Array | string>>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, content] of Object.entries(files)) zip.addBuffer(Buffer.from(content), name);
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
