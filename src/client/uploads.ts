import type { Attachment } from '../contract/attachments.js';
import { UPLOAD_FILE_PART, UPLOAD_PATH } from '../contract/files.js';
import { AttachmentCheck } from './checks/attachments.js';
import { ProblemCheck } from './checks/problem.js';
import { CLIENT_HEADER, CLIENT_HEADER_VALUE } from '../contract/http.js';
import type { Language } from '../contract/text.js';
import { ContractError, NetworkError, ProblemError } from './errors.js';

export interface UploadOptions {
  /** A form's file question: its e-service and question. */
  serviceId?: string;
  fieldId?: string;
  /** A file for a message on Mina sidor: the citizen's case (instead of serviceId and fieldId). */
  messageFor?: string;
  file: File;
  lang: Language;
  onProgress?: (loaded: number, total: number) => void;
  signal?: AbortSignal;
  /** A page's, story's or test's own fetch (a KitClient's): used instead of XMLHttpRequest, progress only at the end. */
  fetch?: typeof fetch | undefined;
}

/** Like KitClient: a backend at https://etjanster.kommun.se/esk answers under …/esk/api/. */
const endpoint = (path: string, baseUrl: string) => new URL(path, baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);

/** Uploads one attachment. XMLHttpRequest, because fetch cannot report upload progress. */
export function uploadAttachment(baseUrl: string, options: UploadOptions): Promise<Attachment> {
  const { signal, file } = options;
  const cancelled = () => new DOMException('The upload was cancelled', 'AbortError');
  const url = endpoint(UPLOAD_PATH, baseUrl);
  for (const key of ['serviceId', 'fieldId', 'messageFor'] as const) if (options[key]) url.searchParams.set(key, options[key]);
  const headers = { [CLIENT_HEADER]: CLIENT_HEADER_VALUE, 'Accept-Language': options.lang };
  const body = new FormData();
  body.append(UPLOAD_FILE_PART, file);
  const answer = (status: number, statusText: string, data: unknown): Attachment => {
    if (status >= 200 && status < 300) {
      const parsed = AttachmentCheck.safeParse(data);
      if (parsed.success) return parsed.data;
      throw new ContractError(`POST ${UPLOAD_PATH}`, status);
    }
    const problem = ProblemCheck.safeParse(data);
    throw new ProblemError(problem.success ? problem.data : { type: 'about:blank', title: statusText || 'Error', status });
  };
  if (options.fetch) {
    return options.fetch(url, { method: 'POST', credentials: 'include', headers, body, signal: signal ?? null }).then(
      async (response) => {
        options.onProgress?.(file.size, file.size);
        return answer(response.status, response.statusText, await response.json().catch(() => undefined));
      },
      (error) => {
        throw signal?.aborted ? cancelled() : new NetworkError(error);
      },
    );
  }
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(cancelled());
    const request = new XMLHttpRequest();
    request.open('POST', url);
    request.withCredentials = true;
    request.responseType = 'json';
    for (const [name, value] of Object.entries(headers)) request.setRequestHeader(name, value);
    request.upload.onprogress = (event) => options.onProgress?.(event.loaded, event.total);
    const abort = () => request.abort();
    request.onloadend = () => signal?.removeEventListener('abort', abort);
    request.onerror = () => reject(new NetworkError(new Error('upload failed')));
    request.onabort = () => reject(cancelled());
    request.onload = () => {
      try {
        resolve(answer(request.status, request.statusText, request.response));
      } catch (error) {
        reject(error);
      }
    };
    signal?.addEventListener('abort', abort, { once: true });
    request.send(body);
  });
}

/** Removes an upload that no case has claimed yet. */
export async function deleteAttachment(baseUrl: string, id: string, lang: Language, fetchImpl = fetch): Promise<void> {
  let response: Response;
  try {
    response = await fetchImpl(endpoint(`${UPLOAD_PATH}/${encodeURIComponent(id)}`, baseUrl), {
      method: 'DELETE',
      credentials: 'include',
      headers: { [CLIENT_HEADER]: CLIENT_HEADER_VALUE, 'Accept-Language': lang },
    });
  } catch (error) {
    throw new NetworkError(error);
  }
  if (!response.ok && response.status !== 404) {
    const problem = ProblemCheck.safeParse(await response.json().catch(() => undefined));
    throw new ProblemError(problem.success ? problem.data : { type: 'about:blank', title: response.statusText, status: response.status });
  }
}
