/**
 * Import names whose distribution (what pip installs) is named differently.
 * Anything not listed installs under its import name, with `_` as `-`.
 */
const distributionByImport: Record<string, string> = {
  yaml: 'PyYAML',
  sklearn: 'scikit-learn',
  skimage: 'scikit-image',
  cv2: 'opencv-python',
  PIL: 'Pillow',
  bs4: 'beautifulsoup4',
  dateutil: 'python-dateutil',
  jwt: 'PyJWT',
  dotenv: 'python-dotenv',
  magic: 'python-magic',
  docx: 'python-docx',
  pptx: 'python-pptx',
  multipart: 'python-multipart',
  jose: 'python-jose',
  slugify: 'python-slugify',
  Crypto: 'pycryptodome',
  OpenSSL: 'pyOpenSSL',
  serial: 'pyserial',
  usb: 'pyusb',
  zmq: 'pyzmq',
  git: 'GitPython',
  github: 'PyGithub',
  gitlab: 'python-gitlab',
  ldap: 'python-ldap',
  psycopg2: 'psycopg2-binary',
  MySQLdb: 'mysqlclient',
  pymysql: 'PyMySQL',
  google: 'google-api-python-client',
  googleapiclient: 'google-api-python-client',
  attr: 'attrs',
  fitz: 'PyMuPDF',
  markdown: 'Markdown',
  jinja2: 'Jinja2',
  flask: 'Flask',
  werkzeug: 'Werkzeug',
  sqlalchemy: 'SQLAlchemy',
  Levenshtein: 'python-Levenshtein',
  telegram: 'python-telegram-bot',
  socketio: 'python-socketio',
  engineio: 'python-engineio',
  kafka: 'kafka-python',
  websocket: 'websocket-client',
  faiss: 'faiss-cpu',
  tensorflow_hub: 'tensorflow-hub',
  pkg_resources: 'setuptools',
  win32api: 'pywin32',
  nacl: 'PyNaCl',
  lxml: 'lxml',
  ruamel: 'ruamel.yaml',
  toml: 'toml',
  pydantic_settings: 'pydantic-settings',
  rest_framework: 'djangorestframework',
};

/** The distribution to add to requirements for a missing top-level module. */
export function pythonDistributionFor(importName: string): string {
  const top = importName.split('.')[0];
  return distributionByImport[top] ?? top.replace(/_/g, '-');
}
