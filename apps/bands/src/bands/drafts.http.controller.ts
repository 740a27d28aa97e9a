import {
  Body,
  Controller,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  Post,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { cellKey } from '@rangefinder/contracts';
import { CurrentUser, Role, Roles, type AuthenticatedUser } from '@rangefinder/platform';
import { COHERENCE_KINDS } from '../cells/coherence-flag';
import { DraftBook } from '../drafts/draft-book';
import { reviewDraft } from '../publishing/draft-review';
import { DRAFT_CHANGES } from '../publishing/publication-plan';
import { PublishedBands } from '../publishing/published-bands';
import { PublishService } from '../publishing/publish.service';
import { asOfDate } from './band-answers';
import { CellPathDto } from './band-query.dto';
import { DraftQueryDto, PublishDto } from './drafts.dto';

/** The comp analyst's review: drafts with their change against the published version, publishing. */
@ApiTags('drafts')
@ApiBearerAuth()
@Roles(Role.CompAnalyst)
@Controller('v1/drafts')
export class DraftsHttpController {
  constructor(
    private readonly drafts: DraftBook,
    private readonly published: PublishedBands,
    private readonly publisher: PublishService,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Drafts (filter by role, level, zone, change), each beside its published version',
  })
  async list(@Query() q: DraftQueryDto) {
    await this.drafts.caughtUp();
    const reviews = this.drafts
      .list(q)
      .map((d) => reviewDraft(d, this.published.latest(d.key)))
      .filter((r) => !q.change || r.change === q.change);
    const counts = Object.fromEntries(DRAFT_CHANGES.map((change) => [change, 0]));
    const flags = Object.fromEntries(COHERENCE_KINDS.map((kind) => [kind, 0]));
    for (const r of reviews) {
      counts[r.change]++;
      for (const kind of new Set(r.draft.flags.map((f) => f.kind))) flags[kind]++;
    }
    const shown = reviews.filter(
      (r) => !q.flag || r.draft.flags.some((f) => q.flag === 'any' || f.kind === q.flag),
    );
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 50;
    return {
      observations: this.drafts.observationCount,
      counts,
      // Drafts with at least one flag of each kind, before the flag filter.
      flags,
      page,
      pageSize,
      total: shown.length,
      items: shown.slice((page - 1) * pageSize, page * pageSize),
    };
  }

  @Get(':role/:level/:zone')
  @ApiOperation({ summary: "One cell's draft, its figures before suppression, and its change" })
  async one(@Param() cell: CellPathDto) {
    await this.drafts.caughtUp();
    const key = cellKey(cell);
    const draft = this.drafts.get(key);
    if (!draft) throw new NotFoundException(`no draft for ${key}`);
    return reviewDraft(draft, this.published.latest(key));
  }

  @Post('publish')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Publish cells, a filter, or every draft; unchanged drafts are skipped',
  })
  publish(@Body() body: PublishDto, @CurrentUser() user: AuthenticatedUser) {
    if (body.effectiveFrom) asOfDate(body.effectiveFrom, 'effectiveFrom');
    return this.publisher.publish(
      {
        cells: body.cells,
        filter: body.filter,
        effectiveFrom: body.effectiveFrom,
        overrides: body.overrides,
      },
      user.subject,
    );
  }

  @Post('rebuild')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reload every observation from the store and recompute every draft' })
  rebuild() {
    return this.drafts.rebuild();
  }
}
