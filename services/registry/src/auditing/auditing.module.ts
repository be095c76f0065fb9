import { DynamicModule, Module } from '@nestjs/common';
import { REGISTRY, RegistryContext } from '../registry.context';
import { AuditTimelineHttp } from './reading-timeline/audit-timeline.http';

/** The audit timeline (issue 3, "Audit timeline"); point-in-time reads live in the GET slices (`?asOf=`). */
@Module({})
export class AuditingModule {
  static forRoot(registry: RegistryContext): DynamicModule {
    return { module: AuditingModule, controllers: [AuditTimelineHttp], providers: [{ provide: REGISTRY, useValue: registry }] };
  }
}
