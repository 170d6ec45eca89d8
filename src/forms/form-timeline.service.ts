import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { TimelineEntry, TimelineLink, TimelineQuery, customerRowsAfter } from '../common/timeline';
import { FormSubmission } from './form-submission.entity';
import { Form } from './form.entity';

/** A customer's form submissions for their timeline (IDX_form_submissions_tenant_customer_time). */
@Injectable()
export class FormTimeline {
  constructor(private readonly db: DataSource) {}

  /** The forms of submissions, as links by submission id (for the messages a submission made). */
  async formsOf(tenantId: number, submissionIds: string[]): Promise<Map<string, TimelineLink>> {
    if (!submissionIds.length) return new Map();
    const rows = await this.db.getRepository(FormSubmission).find({ select: { id: true, formId: true }, where: { tenantId, id: In(submissionIds) } });
    if (!rows.length) return new Map();
    const forms = await this.db.getRepository(Form).find({ select: { id: true, name: true }, where: { id: In([...new Set(rows.map((s) => s.formId))]) } });
    const names = new Map(forms.map((f) => [f.id, f.name]));
    return new Map(rows.map((s) => [String(s.id), { type: 'form', id: String(s.formId), name: names.get(s.formId) ?? null }]));
  }

  async of(q: TimelineQuery): Promise<TimelineEntry[]> {
    const rows = await customerRowsAfter(
      this.db.getRepository(FormSubmission).createQueryBuilder('s').select(['s.id', 's.formId', 's.deliveryIds', 's.runIds', 's.createdAt']),
      'form_submission',
      q,
    ).getMany();
    if (!rows.length) return [];
    // Deleted forms too: their submissions stay readable.
    const forms = await this.db.getRepository(Form).find({ select: { id: true, name: true }, where: { id: In([...new Set(rows.map((s) => s.formId))]) } });
    const names = new Map(forms.map((f) => [f.id, f.name]));
    return rows.map((s) => ({
      kind: 'form_submission',
      id: String(s.id),
      at: s.createdAt,
      title: names.get(s.formId) ?? null,
      status: 'submitted',
      link: { type: 'form', id: String(s.formId), name: names.get(s.formId) ?? null },
      via: null,
      note: `${s.deliveryIds.length}/${s.runIds.length}`,
    }));
  }
}
