import { Attachment, UPLOAD_FILE_PART, UPLOAD_PATH } from '../contract/attachments.js';
import { CLIENT_HEADER, CLIENT_HEADER_VALUE } from '../contract/cases.js';
import { Problem } from '../contract/problem.js';
import type { Language } from '../contract/text.js';
import { ContractError, NetworkError, ProblemError } from './errors.js';

export interface UploadOptions {
  serviceId: string;
  fieldId: string;
  file: File;
  lang: Language;
  onProgress?: (loaded: number, total: number) => void;
  signal?: AbortSignal;
}

/** Like KitClient: a backend at https://etjanster.kommun.se/esk answers under …/esk/api/. */
const endpoint = (path: string, baseUrl: string) => new URL(path, baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);

/** Uploads one attachment. XMLHttpRequest, because fetch cannot report upload progress. */
export function uploadAttachment(baseUrl: string, options: UploadOptions): Promise<Attachment> {
  return new Promise((resolve, reject) => {
    const { signal } = options;
    const cancelled = () => new DOMException('The upload was cancelled', 'AbortError');
    if (signal?.aborted) return reject(cancelled());
    const url = endpoint(UPLOAD_PATH, baseUrl);
    url.searchParams.set('serviceId', options.serviceId);
    url.searchParams.set('fieldId', options.fieldId);
    const request = new XMLHttpRequest();
    request.open('POST', url);
    request.withCredentials = true;
    request.responseType = 'json';
    request.setRequestHeader(CLIENT_HEADER, CLIENT_HEADER_VALUE);
    request.setRequestHeader('Accept-Language', options.lang);
    request.upload.onprogress = (event) => options.onProgress?.(event.loaded, event.total);
    const abort = () => request.abort();
    request.onloadend = () => signal?.removeEventListener('abort', abort);
    request.onerror = () => reject(new NetworkError(new Error('upload failed')));
    request.onabort = () => reject(cancelled());
    request.onload = () => {
      if (request.status >= 200 && request.status < 300) {
        const parsed = Attachment.safeParse(request.response);
        return parsed.success ? resolve(parsed.data) : reject(new ContractError(`POST ${UPLOAD_PATH}`, request.status));
      }
      const problem = Problem.safeParse(request.response);
      reject(new ProblemError(problem.success ? problem.data : { type: 'about:blank', title: request.statusText || 'Error', status: request.status }));
    };
    signal?.addEventListener('abort', abort, { once: true });
    const body = new FormData();
    body.append(UPLOAD_FILE_PART, options.file);
    request.send(body);
  });
}

/** Removes an upload that no case has claimed yet. */
export async function deleteAttachment(baseUrl: string, id: string, lang: Language): Promise<void> {
  let response: Response;
  try {
    response = await fetch(endpoint(`${UPLOAD_PATH}/${encodeURIComponent(id)}`, baseUrl), {
      method: 'DELETE',
      credentials: 'include',
      headers: { [CLIENT_HEADER]: CLIENT_HEADER_VALUE, 'Accept-Language': lang },
    });
  } catch (error) {
    throw new NetworkError(error);
  }
  if (!response.ok && response.status !== 404) {
    const problem = Problem.safeParse(await response.json().catch(() => undefined));
    throw new ProblemError(problem.success ? problem.data : { type: 'about:blank', title: response.statusText, status: response.status });
  }
}
