export * from './data-source';
export * from './entities/case-event.entity';
export * from './entities/case.entity';
export * from './repositories/case-record.repository';
