import yazl from 'yazl';

/** A deployment package (.zip) holding `files` (path → source), built with yazl as a bundler's zip step would. */
export async function functionPackage(files: Readonly<Record<string, string>>): Promise<Uint8Array> {
  const zip = new yazl.ZipFile();
  for (const [name, source] of Object.entries(files)) zip.addBuffer(Buffer.from(source), name);
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
