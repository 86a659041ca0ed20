import { applyRules } from './applyRules';
import { ReasoningRequest, ReasoningResult, ReasoningService } from './types';

/** The offline engine, used when no LLM is configured: the request's rules, or no answer. */
export class RulesReasoningService implements ReasoningService {
  readonly engine = 'rules';

  async structured<T>(
    request: ReasoningRequest<T>,
  ): Promise<ReasoningResult<T>> {
    return applyRules(request).result;
  }
}
