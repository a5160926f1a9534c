import { Column, Entity, PrimaryColumn } from 'typeorm';

export type MailOutboxStatus = 'queued' | 'sent' | 'failed';

/** One notification, rendered once when queued; `mail_key` is the business key that makes it unique. */
@Entity({ name: 'mail_outbox' })
export class MailOutboxEntity {
  @PrimaryColumn({ name: 'mail_key', type: 'text' }) mailKey!: string;
  @Column({ type: 'text', nullable: true }) kind!: string | null;
  @Column({ type: 'text', nullable: true }) sender!: string | null;
  @Column({ type: 'text', array: true }) recipients!: string[];
  @Column({ type: 'text' }) subject!: string;
  @Column({ name: 'html_body', type: 'text' }) htmlBody!: string;
  @Column({ name: 'text_body', type: 'text' }) textBody!: string;
  @Column({ name: 'message_id', type: 'text' }) messageId!: string;
  @Column({ type: 'text', default: 'queued' }) status!: MailOutboxStatus;
  @Column({ type: 'int', default: 0 }) attempts!: number;
  @Column({ name: 'last_error', type: 'text', nullable: true }) lastError!: string | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'last_attempt_at', type: 'timestamptz', nullable: true }) lastAttemptAt!: Date | null;
  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true }) sentAt!: Date | null;
}
