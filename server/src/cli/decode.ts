// Bytes to text for the engine: UTF-8 with the BOM dropped; invalid sequences become U+FFFD
// (the YAML then reports what it makes of them) rather than an exception.
const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });

export function decodeText(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}
