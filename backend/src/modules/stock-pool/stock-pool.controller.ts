import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Query, UploadedFile, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, ReqMeta, Roles, type AuthUser, type RequestMeta } from '../../common/auth.decorators.js';
import { langOf, localizeDetails } from '../../common/localize.js';
import { PoolHoldersResponseDto, PoolPreviewResponseDto, StockPoolDetailResponseDto, StockPoolPageDto, StockPoolResponseDto } from './dto/stock-pool.response.js';
import { CreatePoolDto, DuplicatePoolDto, ListPoolsQueryDto, PoolCoverageResponse, PreviewPoolDto, UpdatePoolDto } from './dto/stock-pool.dto.js';
import { PoolFileInterceptor } from './pool-file.interceptor.js';
import { StockPoolService, type PoolUpload } from './stock-pool.service.js';

@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/stock-pools')
export class StockPoolController {
  constructor(private readonly pools: StockPoolService) {}

  @ApiOperation({ summary: 'List stock pools' })
  @ApiOkResponse({ type: StockPoolPageDto })
  @Get()
  list(@Query() q: ListPoolsQueryDto) {
    return this.pools.list(q);
  }

  @Post('preview')
  @HttpCode(200)
  @ApiConsumes('application/json', 'multipart/form-data')
  @ApiBody({
    description: 'JSON `{ text }`, or multipart with a CSV/XLSX `file` (≤ 5 MB, ≤ 10,000 rows)',
    schema: { type: 'object', properties: { text: { type: 'string' }, file: { type: 'string', format: 'binary' } } },
  })
  @ApiOperation({ summary: 'Preview stock codes before creating a pool' })
  @ApiOkResponse({ type: PoolPreviewResponseDto })
  @UseInterceptors(PoolFileInterceptor)
  async preview(@Body() dto: PreviewPoolDto, @Headers('accept-language') acceptLanguage?: string, @UploadedFile() file?: PoolUpload) {
    const r = await this.pools.preview({ text: dto.text, file });
    // Each invalid line's reason in the caller's language (zh-CN or en).
    return { ...r, invalid: localizeDetails(r.invalid, langOf(acceptLanguage)) };
  }

  @ApiOperation({ summary: 'Create a stock pool' })
  @ApiCreatedResponse({ type: StockPoolResponseDto })
  @Post()
  create(@Body() dto: CreatePoolDto, @CurrentUser() op: AuthUser, @ReqMeta() meta: RequestMeta) {
    return this.pools.create(dto, op, meta);
  }

  @ApiOperation({ summary: 'Get a stock pool' })
  @ApiOkResponse({ type: StockPoolDetailResponseDto })
  @Get(':id')
  detail(@Param('id') id: string) {
    return this.pools.detail(id);
  }

  @Get(':id/coverage')
  @ApiOperation({ summary: 'Stored real market data per pool stock (bars, first/last date, missing days, synthetic rows left)' })
  @ApiOkResponse({ type: PoolCoverageResponse })
  coverage(@Param('id') id: string) {
    return this.pools.coverage(id);
  }

  @ApiOperation({ summary: 'List members holding stocks of a pool' })
  @ApiOkResponse({ type: PoolHoldersResponseDto })
  @Get(':id/holders')
  holders(@Param('id') id: string) {
    return this.pools.holders(id);
  }

  @ApiOperation({ summary: 'Update a stock pool' })
  @ApiOkResponse({ type: StockPoolResponseDto })
  @Patch(':id')
  update(@Param('id') id: string, @Body() dto: UpdatePoolDto, @CurrentUser() op: AuthUser, @ReqMeta() meta: RequestMeta) {
    return this.pools.update(id, dto, op, meta);
  }

  @ApiOperation({ summary: 'Reuse a pool (e.g. an archived one) as a new draft with the same stocks' })
  @ApiCreatedResponse({ type: StockPoolResponseDto })
  @Post(':id/duplicate')
  duplicate(@Param('id') id: string, @Body() dto: DuplicatePoolDto, @CurrentUser() op: AuthUser, @ReqMeta() meta: RequestMeta) {
    return this.pools.duplicate(id, dto, op, meta);
  }

  @ApiOperation({ summary: 'Delete a draft stock pool' })
  @Delete(':id')
  @HttpCode(204)
  async remove(@Param('id') id: string, @CurrentUser() op: AuthUser, @ReqMeta() meta: RequestMeta) {
    await this.pools.remove(id, op, meta);
  }
}
