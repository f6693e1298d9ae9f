// The module's server-side render: Sitevision runs this for every module of this WebApp on a page.
import router from '@sitevision/api/common/router';
import appData from '@sitevision/api/server/appData';
import versionUtil from '@sitevision/api/server/VersionUtil';
import { renderModule } from './render';

router.get('/', (req, res) => {
  const settings = {
    backend: appData.get('backend'),
    element: appData.get('element'),
    service: appData.get('service'),
    // <case-messages> shows the case the page's address names (?case=…), as a link from Mina ärenden gives it.
    caseId: req.params && req.params.case,
  };
  // The offline version is the one the editor works on; the online version is the published page.
  const editing = versionUtil.getCurrentVersion() !== versionUtil.ONLINE_VERSION;
  res.send(renderModule(settings, { editing }));
});
