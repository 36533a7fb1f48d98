// Word (.docx) → HTML with mammoth, built as a bundle of its own (server/dist/docx.js) that the CLI and
// the language server load on their first Word file. mammoth and the zip and XML libraries it brings
// are over half of what a bundle would otherwise parse and run at every start, for a file type most
// runs never see: `govreport --version` took 190 ms with them and 120 ms without.
import mammoth from 'mammoth';

/** The HTML of a Word file, without its images (see docxToReportText in ./inputs.ts). */
export async function docxToHtml(bytes: Uint8Array): Promise<string> {
  const result = await mammoth.convertToHtml(
    { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
    { convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })) },
  );
  return result.value;
}
