/** SmartRecruiters error body: `{message, errors: [{code, message}]}` (ErrorResponse model). */
import { json, type SimResponse } from '../common/http-server';

export function srError(
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): SimResponse {
  return json(status, { message, errors: [{ code, message }] }, headers);
}
