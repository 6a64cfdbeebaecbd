import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ErrorCode } from '@equipole/shared';
import PDFDocument from 'pdfkit';
import { create as createQr } from 'qrcode';
import { DataSource } from 'typeorm';
import { assertManages, type AuthUser } from '../auth/auth-user';
import { DomainError } from '../common/domain-error';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { ResourcesRepository } from './resources.repository';

interface LabelItem {
  id: string;
  name: string;
  otherNames: string[];
  ownerName: string;
  siteName: string;
}

const MM = 72 / 25.4;
/** An A4 sheet of 2 × 4 labels of 99 × 67 mm (the common 8-per-sheet label stock). */
const SHEET = { columns: 2, rows: 4, width: 99 * MM, height: 67 * MM, marginX: 6 * MM, marginY: 14.5 * MM };
const MAX_LABELS = 400;

/**
 * Printable labels for the machines: name, owner and a QR code to the item's check-in page (the page a
 * phone opens at the machine). One label on its own page, or every item of an owner (or of one of its
 * sites) on A4 sheets of eight.
 */
@Injectable()
export class LabelsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly resources: ResourcesRepository,
  ) {}

  async one(user: AuthUser, resourceId: string): Promise<Buffer> {
    const [item] = await this.items({ resourceId });
    if (!item) throw new DomainError(ErrorCode.NotFound);
    assertManages(user, item.organisationId);
    const doc = new PDFDocument({ size: [SHEET.width, SHEET.height], margin: 0, info: { Title: item.name } });
    this.draw(doc, item, 0, 0);
    return this.finish(doc);
  }

  async sheet(user: AuthUser, organisationId: string, siteId?: string): Promise<Buffer> {
    assertManages(user, organisationId);
    const items = await this.items({ organisationId, siteId: siteId ?? null });
    if (items.length === 0) throw new DomainError(ErrorCode.NotFound);
    const doc = new PDFDocument({ size: 'A4', margin: 0, autoFirstPage: false, info: { Title: items[0].ownerName } });
    const perPage = SHEET.columns * SHEET.rows;
    items.slice(0, MAX_LABELS).forEach((item, index) => {
      if (index % perPage === 0) doc.addPage();
      const slot = index % perPage;
      this.draw(doc, item, SHEET.marginX + (slot % SHEET.columns) * SHEET.width, SHEET.marginY + Math.floor(slot / SHEET.columns) * SHEET.height);
    });
    return this.finish(doc);
  }

  /** The URL a label's QR code holds: the item's check-in page. */
  checkInUrl(resourceId: string): string {
    return `${this.config.publicUrl}/equipment/${resourceId}/check-in`;
  }

  private draw(doc: PDFKit.PDFDocument, item: LabelItem, x: number, y: number): void {
    const pad = 5 * MM;
    const qrSize = SHEET.height - 2 * pad;
    const qr = createQr(this.checkInUrl(item.id), { errorCorrectionLevel: 'M' });
    const cell = qrSize / (qr.modules.size + 2);
    doc.save();
    doc.rect(x + 0.5, y + 0.5, SHEET.width - 1, SHEET.height - 1).lineWidth(0.3).dash(2, { space: 2 }).stroke('#999999').undash();
    for (let row = 0; row < qr.modules.size; row++) {
      for (let column = 0; column < qr.modules.size; column++) {
        if (qr.modules.get(row, column)) doc.rect(x + pad + (column + 1) * cell, y + pad + (row + 1) * cell, cell, cell);
      }
    }
    doc.fill('#000000');
    const textX = x + pad + qrSize + 3 * MM;
    const textWidth = SHEET.width - (textX - x) - pad;
    doc.font('Helvetica-Bold').fontSize(13).fillColor('#000000').text(item.name, textX, y + pad + 2, { width: textWidth, height: 16 * MM, ellipsis: true });
    if (item.otherNames.length > 0) doc.font('Helvetica').fontSize(8).fillColor('#333333').text(item.otherNames.join(' · '), { width: textWidth, height: 8 * MM, ellipsis: true });
    doc.moveDown(0.6).font('Helvetica').fontSize(9).fillColor('#000000').text(item.ownerName, { width: textWidth, ellipsis: true });
    doc.fontSize(8).fillColor('#333333').text(item.siteName, { width: textWidth, ellipsis: true });
    doc.font('Helvetica').fontSize(7).fillColor('#333333')
      .text('Check-in · Enregistrement · Aanmelden', textX, y + SHEET.height - pad - 10, { width: textWidth, lineBreak: false });
    doc.restore();
  }

  private async items(which: Parameters<ResourcesRepository['labelItems']>[1]): Promise<(LabelItem & { organisationId: string })[]> {
    const rows = await this.resources.labelItems(this.dataSource.manager, which);
    return rows.map((row) => {
      const names = [row.fr, row.nl, row.en].filter((name): name is string => Boolean(name));
      const unique = [...new Set(names)];
      return { id: row.id, organisationId: row.organisationId, name: unique[0], otherNames: unique.slice(1), ownerName: row.ownerName, siteName: row.siteName };
    });
  }

  private finish(doc: PDFKit.PDFDocument): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      doc.on('data', (chunk: Buffer) => chunks.push(chunk));
      doc.on('end', () => resolve(Buffer.concat(chunks)));
      doc.on('error', reject);
      doc.end();
    });
  }
}
