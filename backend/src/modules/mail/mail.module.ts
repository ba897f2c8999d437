import { Controller, Get, Module, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Roles } from '../../common/auth.decorators.js';
import { MailEntities } from './mail.entities.js';
import { ListOutboxQueryDto } from './dto/list-outbox.query.js';
import { MailService } from './mail.service.js';
import { MailStore } from './mail.store.js';
import { OutboxMailPageDto } from './dto/outbox.response.js';

@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/outbox')
export class OutboxController {
  constructor(private readonly mail: MailService) {}

  @ApiOperation({ summary: 'List the dev mail outbox' })
  @ApiOkResponse({ type: OutboxMailPageDto })
  @Roles('admin')
  @Get()
  list(@Query() q: ListOutboxQueryDto) {
    return this.mail.listOutbox(q);
  }
}

@Module({
  imports: [TypeOrmModule.forFeature(MailEntities)],
  controllers: [OutboxController],
  providers: [MailService, MailStore],
  exports: [MailService],
})
export class MailModule {}
