import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A catalogue item with its list price. Money is numeric in Postgres and a decimal string here. */
@Entity({ name: 'products' })
export class ProductEntity {
  @PrimaryColumn({ type: 'text' }) sku!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ name: 'list_price', type: 'numeric', precision: 18, scale: 6 }) listPrice!: string;
  @Column({ type: 'char', length: 3 }) currency!: string;
  @Column({ type: 'text', array: true, default: () => "'{}'" }) categories!: string[];
}
