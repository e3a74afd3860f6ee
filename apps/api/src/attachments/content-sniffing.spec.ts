import { contentMatchesType, mediaTypeEssence, zipEntryNames } from './content-sniffing';

/** A stored (uncompressed) ZIP archive holding empty entries with the given names. */
function zipOf(names: readonly string[]): Buffer {
  const locals: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const name of names) {
    const nameBytes = Buffer.from(name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(nameBytes.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(nameBytes.length, 28);
    entry.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes);
    directory.push(entry, nameBytes);
    offset += local.length + nameBytes.length;
  }
  const directoryBytes = Buffer.concat(directory);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(names.length, 8);
  end.writeUInt16LE(names.length, 10);
  end.writeUInt32LE(directoryBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directoryBytes, end]);
}

describe('recognising an upload by its bytes', () => {
  const pdf = Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n');
  const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(64)]);

  it('accepts a PDF as a PDF and refuses a program renamed to one', () => {
    expect(contentMatchesType('application/pdf', pdf)).toBe(true);
    expect(contentMatchesType('application/pdf', exe)).toBe(false);
    expect(contentMatchesType('image/png', pdf)).toBe(false);
  });

  it('recognises images and audio-video records by their signatures', () => {
    expect(contentMatchesType('image/jpeg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toBe(true);
    expect(contentMatchesType('image/png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe(true);
    const mp4 = Buffer.concat([Buffer.from([0, 0, 0, 0x20]), Buffer.from('ftypisom'), Buffer.alloc(24)]);
    expect(contentMatchesType('video/mp4', mp4)).toBe(true);
    expect(contentMatchesType('audio/mp4', mp4)).toBe(true);
    expect(contentMatchesType('audio/mpeg', Buffer.from('ID3\u0004\u0000'))).toBe(true);
    expect(contentMatchesType('audio/wav', Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WAVEfmt ')]))).toBe(true);
    expect(contentMatchesType('video/mp4', pdf)).toBe(false);
  });

  it('tells OFD from DOCX by the parts of the package, and neither from a bare ZIP', () => {
    const ofd = zipOf(['OFD.xml', 'Doc_0/Document.xml']);
    const docx = zipOf(['[Content_Types].xml', '_rels/.rels', 'word/document.xml']);
    const bare = zipOf(['readme.txt']);
    expect(zipEntryNames(docx)).toEqual(['[Content_Types].xml', '_rels/.rels', 'word/document.xml']);
    expect(contentMatchesType('application/ofd', ofd)).toBe(true);
    expect(contentMatchesType('application/ofd', docx)).toBe(false);
    const docxType = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
    expect(contentMatchesType(docxType, docx)).toBe(true);
    expect(contentMatchesType(docxType, ofd)).toBe(false);
    expect(contentMatchesType(docxType, bare)).toBe(false);
    // Cut short: the directory is gone, and nothing is read past the end.
    expect(contentMatchesType(docxType, docx.subarray(0, docx.length - 30))).toBe(false);
  });

  it('compares declared types without case or parameters', () => {
    expect(mediaTypeEssence('Application/PDF; name="a.pdf"')).toBe('application/pdf');
    expect(mediaTypeEssence('')).toBe('');
  });
});
