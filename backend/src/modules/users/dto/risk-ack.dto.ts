import { ApiProperty } from '@nestjs/swagger';
import { Equals } from 'class-validator';

export class RiskAckDto {
  @ApiProperty({ enum: [true], example: true, description: 'must be true: the member has read the risk disclosure' })
  @Equals(true, { message: 'riskAck must be true' })
  riskAck: true;
}
