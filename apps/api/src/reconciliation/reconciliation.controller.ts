import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AppliedMatchListResponse, BulkResolutionResponse, ClientQuestionListResponse, ResolutionListResponse, ResolutionView, WarningDetail, WarningQueueResponse } from '@lotline/contracts';
import type { RequestContext } from '../audit/audit-log';
import { CurrentUser, Ctx, type AuthUser } from '../common/auth-user';
import { Can } from '../common/authz.decorators';
import { ClientQuestionsService } from './client-questions.service';
import { AcceptSuggestionsDto, AnswerQuestionDto, MarkDustDto, MatchQueryDto, PageQueryDto, ResolveDto, UndoResolutionDto, WarningQueueQueryDto } from './reconciliation.dto';
import { ReconciliationService } from './reconciliation.service';

/** Firm-wide warning queue (staff). */
@ApiTags('reconciliation')
@Controller('warnings')
export class WarningQueueController {
  constructor(private readonly recon: ReconciliationService) {}

  @Can('resolve', 'ClientData')
  @Get()
  queue(@CurrentUser() user: AuthUser, @Query() q: WarningQueueQueryDto): Promise<WarningQueueResponse> {
    return this.recon.queue(user, q);
  }
}

/** One client's warnings, resolutions and questions. */
@ApiTags('reconciliation')
@Controller('clients/:id')
export class ClientWarningsController {
  constructor(
    private readonly recon: ReconciliationService,
    private readonly questions: ClientQuestionsService,
  ) {}

  @Can('resolve', 'Client')
  @Get('warnings')
  warnings(@CurrentUser() user: AuthUser, @Param('id') id: string, @Query() q: WarningQueueQueryDto): Promise<WarningQueueResponse> {
    return this.recon.queue(user, q, id);
  }

  @Can('resolve', 'Client')
  @Get('warnings/:key')
  warning(@CurrentUser() user: AuthUser, @Param('id') id: string, @Param('key') key: string): Promise<WarningDetail> {
    return this.recon.warning(user, id, key);
  }

  @Can('resolve', 'Client')
  @Post('resolutions')
  resolve(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body() dto: ResolveDto, @Ctx() ctx: RequestContext): Promise<ResolutionView> {
    return this.recon.resolve(user, id, dto, ctx);
  }

  @Can('resolve', 'Client')
  @Get('matches')
  matches(@CurrentUser() user: AuthUser, @Param('id') id: string, @Query() q: MatchQueryDto): Promise<AppliedMatchListResponse> {
    return this.recon.matches(user, id, q);
  }

  @Can('resolve', 'Client')
  @Get('resolutions')
  history(@CurrentUser() user: AuthUser, @Param('id') id: string, @Query() q: PageQueryDto): Promise<ResolutionListResponse> {
    return this.recon.history(user, id, q.page, q.pageSize);
  }

  @Can('resolve', 'Client')
  @Post('resolutions/accept-suggestions')
  acceptSuggestions(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body() dto: AcceptSuggestionsDto, @Ctx() ctx: RequestContext): Promise<BulkResolutionResponse> {
    return this.recon.acceptSuggestions(user, id, dto, ctx);
  }

  @Can('resolve', 'Client')
  @Post('resolutions/mark-dust')
  markDust(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body() dto: MarkDustDto, @Ctx() ctx: RequestContext): Promise<BulkResolutionResponse> {
    return this.recon.markDust(user, id, dto, ctx);
  }

  @Can('resolve', 'Client')
  @Post('resolutions/:resolutionId/undo')
  undo(@CurrentUser() user: AuthUser, @Param('id') id: string, @Param('resolutionId') resolutionId: string, @Body() dto: UndoResolutionDto, @Ctx() ctx: RequestContext): Promise<ResolutionView> {
    return this.recon.undo(user, id, resolutionId, dto.reason, ctx);
  }

  @Can('read', 'Client')
  @Get('questions')
  listQuestions(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<ClientQuestionListResponse> {
    return this.questions.list(user, id);
  }

  @Can('answer', 'Client')
  @Post('questions/:key/answer')
  @HttpCode(201)
  answer(@CurrentUser() user: AuthUser, @Param('id') id: string, @Param('key') key: string, @Body() dto: AnswerQuestionDto, @Ctx() ctx: RequestContext): Promise<ClientQuestionListResponse> {
    return this.questions.answer(user, id, key, dto, ctx);
  }
}
