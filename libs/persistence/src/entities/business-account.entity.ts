import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** A buyer organisation's account with a seller; every buyer contract belongs to one. */
@Entity({ name: 'business_accounts' })
@Unique('business_accounts_name_seller_key', ['name', 'sellerDn'])
export class BusinessAccountEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ name: 'seller_dn', type: 'text' }) sellerDn!: string;
  @Column({ name: 'buyer_dn', type: 'text' }) buyerDn!: string;
  @Column({ type: 'boolean', default: false }) mirrored!: boolean;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
