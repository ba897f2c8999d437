import { Allocation } from './entities/allocation.entity.js';
import { DrawBatch } from './entities/draw-batch.entity.js';
import { Draw } from './entities/draw.entity.js';
import { RerollRequest } from './entities/reroll-request.entity.js';
export const AllocationEntities = [DrawBatch, Draw, Allocation, RerollRequest];
