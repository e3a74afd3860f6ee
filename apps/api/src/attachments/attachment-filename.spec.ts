import { contentDisposition, sanitiseFilename } from './attachment-filename';

describe('attachment file names', () => {
  it('keeps the name a user gave, Chinese and all, without directories or control characters', () => {
    expect(sanitiseFilename('现场检查笔录.pdf')).toBe('现场检查笔录.pdf');
    expect(sanitiseFilename('C:\\Users\\li\\Desktop\\询问笔录 (1).pdf')).toBe('询问笔录 (1).pdf');
    expect(sanitiseFilename('../../etc/passwd')).toBe('passwd');
    expect(sanitiseFilename('report\r\nSet-Cookie: x.pdf')).toBe('reportSet-Cookie: x.pdf');
    // A right-to-left override would show "invoice‮fdp.exe" as "invoiceexe.pdf".
    expect(sanitiseFilename('invoice\u202efdp.exe')).toBe('invoicefdp.exe');
  });

  it('never answers with an empty name, and bounds its length', () => {
    expect(sanitiseFilename(undefined)).toBe('attachment');
    expect(sanitiseFilename(' \u0000 ')).toBe('attachment');
    expect(sanitiseFilename('dir/..')).toBe('attachment');
    expect([...sanitiseFilename(`${'证'.repeat(500)}.pdf`)]).toHaveLength(200);
  });

  it('sends the exact name as UTF-8 in filename* and a quoted ASCII stand-in in filename', () => {
    expect(contentDisposition('现场 "照片" 1.jpg')).toBe(
      `attachment; filename="__ ____ 1.jpg"; filename*=UTF-8''%E7%8E%B0%E5%9C%BA%20%22%E7%85%A7%E7%89%87%22%201.jpg`,
    );
    expect(contentDisposition("it's (a) copy*.pdf")).toBe(`attachment; filename="it's (a) copy*.pdf"; filename*=UTF-8''it%27s%20%28a%29%20copy%2A.pdf`);
  });
});
