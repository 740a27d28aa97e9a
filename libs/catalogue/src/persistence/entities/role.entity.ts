import 'reflect-metadata';
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ schema: 'catalogue', name: 'roles' })
export class RoleEntity {
  @PrimaryColumn({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', name: 'family_code' })
  familyCode: string;

  @Column({ type: 'text', name: 'ladder_code' })
  ladderCode: string;

  @Column({ type: 'integer' })
  position: number;
}
