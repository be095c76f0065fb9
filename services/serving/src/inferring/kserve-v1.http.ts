import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { HttpResponse } from '@ledger/platform';
import { SERVING, ServingContext } from '../serving.context';
import { answerModelFailure, environmentOf, headerOf, RequestHeaders, servedBy } from './inference-edge';
import { v1Predictions } from './inference-response.domain';
import { chooseServedVersion, serveInference } from './serving-requests';
import { parseInstances } from './v1-request.domain';
import { InferenceAnswers, ReadinessAnswers } from './inference-answers.http';

/** KServe v1 / TF Serving row format: `POST /v1/models/{name}:predict` with `{ "instances": [...] }`. */
@ApiTags('inference (KServe v1)')
@Controller('v1/models')
export class KserveV1Http {
  constructor(@Inject(SERVING) private readonly serving: ServingContext) {}

  @Get(':name')
  @ApiOperation({ summary: 'Model readiness (KServe v1)' })
  @ReadinessAnswers()
  ready(
    @Param('name') name: string,
    @Headers() headers: RequestHeaders,
    @Res({ passthrough: true }) res: HttpResponse,
  ) {
    const environment = environmentOf(headers, this.serving.inference, res);
    chooseServedVersion(this.serving.plane, { name, environment, header: headerOf(headers) });
    return { name, ready: true };
  }

  // The verb ends the last path segment ("churn:predict"): the route matches only that, so
  // another POST on /v1/models/{name} is 405 like any method the path does not take.
  @Post(':name\\:predict')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Predict: `{ "instances": [[…], …] }` → `{ "predictions": […] }`, routed by the traffic table',
  })
  @InferenceAnswers()
  async predict(
    @Param('name') name: string,
    @Body() body: unknown,
    @Headers() headers: RequestHeaders,
    @Res({ passthrough: true }) res: HttpResponse,
  ) {
    const { inference, plane } = this.serving;
    const environment = environmentOf(headers, inference, res);
    try {
      const { served, outputs } = await serveInference(plane, {
        name,
        environment,
        header: headerOf(headers),
        parse: (model, signature) => ({ feeds: parseInstances(body, model, signature, inference.maxRows) }),
        chosen: servedBy(res),
      });
      const rows = Object.values(outputs)[0]?.dims[0] ?? 0;
      return { predictions: v1Predictions(outputs, served.model, rows) };
    } catch (error) {
      return answerModelFailure(error, res);
    }
  }
}
