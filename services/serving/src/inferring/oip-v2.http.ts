import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { IllegalStateError } from '@ledger/contracts';
import type { HttpResponse } from '@ledger/platform';
import { SERVING, ServingContext } from '../serving.context';
import { oipDatatype, oipShape } from './tensor-data.domain';
import { answerModelFailure, environmentOf, headerOf, RequestHeaders, servedBy, versionOf } from './inference-edge';
import { v2Outputs } from './inference-response.domain';
import { chooseServedVersion, serveInference } from './serving-requests';
import { parseV2Request } from './v2-request.domain';
import { InferenceAnswers, InferenceVersionParam, MetadataAnswers, ReadinessAnswers } from './inference-answers.http';

/** Open Inference Protocol v2 (KServe, Triton, MLServer): a stock v2 client works unchanged. */
@ApiTags('inference (Open Inference Protocol v2)')
@Controller('v2')
export class OipV2Http {
  constructor(@Inject(SERVING) private readonly serving: ServingContext) {}

  @Get()
  @ApiOperation({ summary: 'Server metadata' })
  server() {
    return { name: 'model-ledger-serving', version: '1', extensions: [] };
  }

  @Get('health/live')
  @ApiOperation({ summary: 'Server liveness' })
  live() {
    return { live: true };
  }

  @Get('health/ready')
  @ApiOperation({ summary: 'Server readiness: every loaded version has all its replicas (503 otherwise)' })
  ready(@Res({ passthrough: true }) res: HttpResponse) {
    const ready = this.serving.plane.loaded().every((v) => v.ready);
    if (!ready) res.status(503);
    return { ready };
  }

  @Get('models/:name')
  @ApiOperation({ summary: 'Model metadata of the version the routing table favours' })
  @MetadataAnswers()
  metadata(
    @Param('name') name: string,
    @Headers() headers: RequestHeaders,
    @Res({ passthrough: true }) res: HttpResponse,
  ) {
    return this.describe(name, undefined, headers, res);
  }

  @Get('models/:name/versions/:version')
  @ApiOperation({ summary: 'Model metadata of one version' })
  @InferenceVersionParam()
  @MetadataAnswers()
  versionMetadata(
    @Param('name') name: string,
    @Param('version') version: string,
    @Headers() headers: RequestHeaders,
    @Res({ passthrough: true }) res: HttpResponse,
  ) {
    return this.describe(name, versionOf(version), headers, res);
  }

  @Get('models/:name/ready')
  @ApiOperation({ summary: 'Model readiness (200 ready; 404 unknown; 409 replicas being replaced)' })
  @ReadinessAnswers()
  modelReady(
    @Param('name') name: string,
    @Headers() headers: RequestHeaders,
    @Res({ passthrough: true }) res: HttpResponse,
  ) {
    return this.readiness(name, undefined, headers, res);
  }

  @Get('models/:name/versions/:version/ready')
  @ApiOperation({ summary: 'Readiness of one version' })
  @InferenceVersionParam()
  @ReadinessAnswers()
  versionReady(
    @Param('name') name: string,
    @Param('version') version: string,
    @Headers() headers: RequestHeaders,
    @Res({ passthrough: true }) res: HttpResponse,
  ) {
    return this.readiness(name, versionOf(version), headers, res);
  }

  @Post('models/:name/infer')
  @HttpCode(200)
  @ApiOperation({ summary: 'Inference, routed by the traffic table (weights, sticky header, shadow)' })
  @InferenceAnswers()
  infer(
    @Param('name') name: string,
    @Body() body: unknown,
    @Headers() headers: RequestHeaders,
    @Res({ passthrough: true }) res: HttpResponse,
  ) {
    return this.run(name, undefined, body, headers, res);
  }

  @Post('models/:name/versions/:version/infer')
  @HttpCode(200)
  @ApiOperation({ summary: 'Inference on one version (no routing, no shadow)' })
  @InferenceVersionParam()
  @InferenceAnswers()
  inferVersion(
    @Param('name') name: string,
    @Param('version') version: string,
    @Body() body: unknown,
    @Headers() headers: RequestHeaders,
    @Res({ passthrough: true }) res: HttpResponse,
  ) {
    return this.run(name, versionOf(version), body, headers, res);
  }

  private async run(
    name: string,
    version: number | undefined,
    body: unknown,
    headers: RequestHeaders,
    res: HttpResponse,
  ) {
    const { plane, inference } = this.serving;
    const environment = environmentOf(headers, inference, res);
    try {
      const { served, parsed, outputs } = await serveInference(plane, {
        name,
        environment,
        version,
        header: headerOf(headers),
        parse: (model) => parseV2Request(body, model, inference.maxRows),
        chosen: servedBy(res),
      });
      return {
        model_name: name,
        model_version: String(served.version),
        ...(parsed.id === undefined ? {} : { id: parsed.id }),
        outputs: v2Outputs(outputs, served.model, parsed.outputs),
      };
    } catch (error) {
      return answerModelFailure(error, res);
    }
  }

  private chosen(name: string, version: number | undefined, headers: RequestHeaders, res: HttpResponse) {
    const environment = environmentOf(headers, this.serving.inference, res);
    const served = chooseServedVersion(this.serving.plane, { name, environment, version, header: () => undefined });
    servedBy(res)(served.version);
    return { served, environment };
  }

  private describe(name: string, version: number | undefined, headers: RequestHeaders, res: HttpResponse) {
    const { served, environment } = this.chosen(name, version ?? this.favoured(name, headers, res), headers, res);
    const tensor = (spec: (typeof served.model.inputs)[number]) => ({
      name: spec.name,
      datatype: oipDatatype(spec.type),
      shape: oipShape(spec),
    });
    const versions = this.serving.plane
      .loaded()
      .filter((v) => v.name === name && v.environment === environment)
      .map((v) => String(v.version));
    return {
      name,
      versions,
      platform: 'onnxruntime_onnx',
      inputs: served.model.inputs.map(tensor),
      outputs: served.model.outputs.filter((o) => o.isTensor).map(tensor),
    };
  }

  /** The version with the largest weight (else the latest loaded): what "the model" is, for its metadata. */
  private favoured(name: string, headers: RequestHeaders, res: HttpResponse): number | undefined {
    const environment = environmentOf(headers, this.serving.inference, res);
    const table = this.serving.plane.traffic(name, environment);
    if (table) return [...table.routes].sort((a, b) => b.weight - a.weight || b.version - a.version)[0].version;
    const loaded = this.serving.plane.loaded().filter((v) => v.name === name && v.environment === environment);
    return loaded.length > 0 ? Math.max(...loaded.map((v) => v.version)) : undefined;
  }

  private readiness(name: string, version: number | undefined, headers: RequestHeaders, res: HttpResponse) {
    const { served, environment } = this.chosen(name, version ?? this.favoured(name, headers, res), headers, res);
    const loaded = this.serving.plane
      .loaded()
      .find((v) => v.name === name && v.environment === environment && v.version === served.version);
    if (!loaded?.ready) throw new IllegalStateError(`version ${served.version} of "${name}" is replacing a replica`);
    return { name, ready: true };
  }
}
