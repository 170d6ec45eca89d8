import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, Max, Min } from 'class-validator';

export const MAX_MEMBERS_PER_CALL = 10_000;

export class GroupMembersDto {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_MEMBERS_PER_CALL)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(2_147_483_647, { each: true })
  customerIds: number[];
}

export class AddMembersView {
  /** Customers that became members. */
  added!: number;
  /** Customers that were members already. */
  alreadyMembers!: number;
  /** Ids that name no live customer of this tenant (deleted, another tenant's, or never existed). */
  notFound!: number[];
}

export class RemoveMembersView {
  /** Memberships removed (ids that were not members are ignored). */
  removed!: number;
}
