import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import ts from 'typescript';

/**
 * The React and Vue types built from custom-elements.json (dist/types/react.d.ts, dist/types/vue.d.ts, exported as
 * e-service-kit/react and e-service-kit/vue), used as an app would: a React 19 component and a Vue 3 single-file
 * component, each checked with its own compiler (tsc, vue-tsc). A right use passes; each wrong one is marked with
 * the compiler's expect-error comment, so it fails the check if the types let it through.
 */
const root = new URL('../..', import.meta.url).pathname;

const REACT_APP = `/// <reference types="e-service-kit/react" />
import { useState } from 'react';
import 'e-service-kit';
import type { EServiceForm } from 'e-service-kit';

export function Felanmalan() {
  const [caseNumber, setCaseNumber] = useState('');
  const [form, setForm] = useState<EServiceForm | null>(null);
  return (
    <main>
      <e-service-config backend="https://etjanster.kommun.se/" lang="sv">
        <e-service-form ref={setForm} service="felanmalan" my-pages-url="/mina-sidor" className="wide"
          one-service-submitted={(event) => setCaseNumber(event.detail.caseNumber)} />
      </e-service-config>
      <eid-login oneid-login-success={(event) => console.log(event.detail.user.name)} oneid-logout={() => setForm(null)} />
      <my-cases continue-url="/{serviceId}.html?case={id}" onmy-cases-continue={(event) => event.preventDefault()} />
      <case-messages case="c1" heading-level="3" pollSeconds={60} oncase-messages-sent={(event) => event.detail.message} />
      <cosign-status nested heading-level={3} case="c1" oncosign-status-copied={(event) => event.detail.url?.length} />
      <my-profile onmy-profile-saved={(event) => event.detail.profile} />
      <p>{caseNumber}{form?.service}</p>
    </main>
  );
}

export function Wrong() {
  return (
    <main>
      {/* @ts-expect-error service is the e-service's id: a string */}
      <e-service-form service={42} />
      {/* @ts-expect-error the event's detail has caseNumber as a string */}
      <e-service-form one-service-submitted={(event: CustomEvent<{ caseNumber: number }>) => event.detail.caseNumber} />
      {/* @ts-expect-error the event's detail has no such field */}
      <e-service-form one-service-submitted={(event) => event.detail.status} />
      {/* @ts-expect-error heading-level is a number */}
      <case-messages heading-level="tre" />
      {/* @ts-expect-error nested is a boolean */}
      <cosign-status nested="ja" />
      {/* @ts-expect-error my-profile-saved tells the profile, not a case */}
      <my-profile onmy-profile-saved={(event) => event.detail.caseId} />
    </main>
  );
}
`;

const VUE_APP = `<script setup lang="ts">
import { ref } from 'vue';
import 'e-service-kit';
import type { EServiceSubmittedDetail } from 'e-service-kit';

const caseNumber = ref('');
function submitted(event: CustomEvent<EServiceSubmittedDetail>) {
  caseNumber.value = event.detail.caseNumber;
}
</script>

<template>
  <e-service-config backend="https://etjanster.kommun.se/" lang="sv">
    <e-service-form service="felanmalan" my-pages-url="/mina-sidor" @e-service-submitted="submitted" />
  </e-service-config>
  <eid-login @eid-login-success="(event) => console.log(event.detail.user.name)" />
  <my-cases continue-url="/{serviceId}.html?case={id}" @my-cases-continue="(event) => event.preventDefault()" />
  <case-messages case="c1" heading-level="3" :poll-seconds="60" />
  <cosign-status nested :heading-level="3" case="c1" @cosign-status-copied="(event) => event.detail.url" />
  <p>{{ caseNumber }}</p>

  <!-- @vue-expect-error service is the e-service's id: a string -->
  <e-service-form :service="42" />
  <!-- @vue-expect-error the event's detail has caseNumber as a string -->
  <e-service-form service="felanmalan" @e-service-submitted="(event: CustomEvent<{ caseNumber: number }>) => event" />
  <!-- @vue-expect-error the event's detail has no such field -->
  <e-service-form service="felanmalan" @e-service-submitted="(event) => event.detail.status" />
  <!-- @vue-expect-error heading-level is a number -->
  <case-messages heading-level="tre" />
  <!-- @vue-expect-error nested is a boolean -->
  <cosign-status nested="ja" />
  <!-- @vue-expect-error my-profile-saved tells the profile, not a case -->
  <my-profile @my-profile-saved="(event) => event.detail.caseId" />
</template>
`;

const COMPILER_OPTIONS = {
  target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', lib: ['ES2023', 'DOM', 'DOM.Iterable'],
  strict: true, noEmit: true, types: [], isolatedModules: true, verbatimModuleSyntax: true,
  // The kit's own declarations are checked with the app's code: a name the generated types get wrong is an error.
  skipLibCheck: false,
};

describe('the React and Vue types generated from custom-elements.json', () => {
  let dir: string;

  before(async () => {
    // Inside the repository, so the apps resolve react and vue from its node_modules, as an app's own would.
    await mkdir(join(root, 'node_modules', '.cache'), { recursive: true });
    dir = await mkdtemp(join(root, 'node_modules', '.cache', 'esk-types-'));
    // The kit as an installed package: node_modules/e-service-kit is this repository, built.
    await mkdir(join(dir, 'node_modules'));
    await symlink(root, join(dir, 'node_modules', 'e-service-kit'), 'dir');
    await mkdir(join(dir, 'react'));
    await writeFile(join(dir, 'react', 'app.tsx'), REACT_APP);
    await writeFile(join(dir, 'react', 'tsconfig.json'), JSON.stringify({
      compilerOptions: { ...COMPILER_OPTIONS, jsx: 'react-jsx' }, include: ['*.tsx'],
    }));
    await mkdir(join(dir, 'vue'));
    await writeFile(join(dir, 'vue', 'App.vue'), VUE_APP);
    await writeFile(join(dir, 'vue', 'env.d.ts'), '/// <reference types="e-service-kit/vue" />\n');
    await writeFile(join(dir, 'vue', 'tsconfig.json'), JSON.stringify({
      compilerOptions: { ...COMPILER_OPTIONS, jsx: 'preserve' }, include: ['*.ts', '*.vue'],
    }));
  });
  after(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('a React 19 component: the tags with their attributes, properties and events check, and the wrong uses fail', () => {
    const config = ts.getParsedCommandLineOfConfigFile(join(dir, 'react', 'tsconfig.json'), {}, {
      ...ts.sys, onUnRecoverableConfigFileDiagnostic: (diagnostic) => assert.fail(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')),
    })!;
    const program = ts.createProgram(config.fileNames, config.options);
    const problems = ts.getPreEmitDiagnostics(program).map((diagnostic) => {
      const where = diagnostic.file ? `${diagnostic.file.fileName.slice(dir.length + 1)}:${diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line + 1}` : '';
      return `${where} ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`;
    });
    assert.deepEqual(problems, []);
    assert.ok(program.getSourceFiles().some((file) => file.fileName.endsWith('dist/types/react.d.ts')), 'e-service-kit/react is dist/types/react.d.ts');
  });

  it('a Vue 3 single-file component: the template\'s tags, props and @events check with vue-tsc, and the wrong uses fail', async () => {
    const vueTsc = join(root, 'node_modules', 'vue-tsc', 'bin', 'vue-tsc.js');
    const result = await promisify(execFile)(process.execPath, [vueTsc, '--noEmit', '-p', join(dir, 'vue', 'tsconfig.json')], { cwd: dir })
      .then(() => '', (error: { stdout?: string; stderr?: string }) => `${error.stdout ?? ''}${error.stderr ?? ''}` || String(error));
    assert.equal(result, '');
  });
});
