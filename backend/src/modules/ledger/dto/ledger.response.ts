import { ApiProperty } from '@nestjs/swagger';
import type { AgentWithBalanceDto } from '@zhice/shared';
import { PageOf } from '../../../common/pagination.js';
import { AgentResponseDto } from '../../agents/dto/agents.dto.js';

/** More response shapes of the ledger routes (OpenAPI), implementing the `@zhice/shared` types. */

export class AgentWithBalanceResponseDto extends AgentResponseDto implements AgentWithBalanceDto {
  @ApiProperty({ example: 230000, description: 'fen' }) availableFen: number;
  @ApiProperty({ example: 50000, description: 'fen, frozen by pending transfers and withdrawals' }) frozenFen: number;
}

export class AgentWithBalancePageDto extends PageOf(AgentWithBalanceResponseDto) {}

export class PayoutAccountResponseDto {
  @ApiProperty({ example: '招商银行 6222 0212 3456 7890 123 张三', description: 'in clear (audited)' }) account: string;
}

export class PlatformAccountResponseDto {
  @ApiProperty({ example: 'system', description: 'system issuer, card sales, withdrawals payable' }) kind: string;
  @ApiProperty({ example: -100000, description: 'fen' }) availableFen: number;
  @ApiProperty({ example: 0, description: 'fen' }) frozenFen: number;
}
