// Chinese first; ?lang=en switches every label. Names of metrics, sites, areas and kinds come from
// the catalogue's {zh, en} labels, never from this table. A page adds its own texts with addTexts.

// no `location` outside a browser (the unit tests run these modules under Node): the default language then
const params = new URLSearchParams(globalThis.location ? location.search : '');
export let lang = params.get('lang') === 'en' ? 'en' : 'zh';

const TEXT = {
  zh: {
    title: '指挥中心实时态势',
    subtitle: '社区一日一排查 · 街道一日一研判 · 责任人一日一报告',
    'badge.connecting': '连接中',
    'badge.live': '实时',
    'badge.reconnecting': '重连中',
    'badge.stale': '数据已过时 自 {t}',
    'stale.banner': '数据已过时 · 自 {t} 起未收到服务器数据',
    'store.memory': '内存存储：服务器重启即丢失数据',
    'panel.checkpoints': '卡口检测与劝返（今日）',
    'panel.trend': '{metric} · 每小时 今日/昨日',
    'panel.map': '辖区态势图',
    'figures.state': '状态',
    'figures.rate': '按时报送率',
    'figures.alerts': '未处置告警',
    'panel.compliance': '一日一报告 · 今日报送情况',
    'panel.petitions': '各村信访（按渠道，今日）',
    'panel.ranking': '环境卫生月度排名 红黑榜',
    'panel.alerts': '告警',
    'panel.escalated': '镇街上报',
    'panel.townMap': '各镇街态势图',
    'panel.townBars': '各镇街劝返与信访（今日）',
    'panel.townCompliance': '各镇街一日一报告 · 按时报送率（今日）',
    'panel.rankScore': '各镇街环境卫生平均分 红黑榜',
    'panel.rankOnTime': '各镇街按时报送率 红黑榜（今日）',
    'bar.petitions': '信访受理',
    'town.rate': '按时 {rate}',
    'town.alerts': '告警 {n}',
    'town.worst': '报送最差：',
    'town.allOnTime': '全部按时',
    'town.counts': '应报{expected} 已报{reported} 迟报{late} 漏报{missing}',
    'tag.escalated': '上报 · {from}',
    'alerts.noEscalated': '暂无镇街上报告警',
    'legend.rateLow': '报送率偏低',
    'kpi.today': '今日{label}',
    'kpi.petitions': '今日信访受理',
    'kpi.disputes': '矛盾纠纷 化解/排查',
    'kpi.score': '环境卫生平均得分',
    'kpi.age': '最新数据 {age}',
    'kpi.noData': '今日暂无数据',
    'kpi.overdue': '超时未更新 · {age}',
    'age.now': '刚刚',
    'age.s': '{n}秒前',
    'age.m': '{n}分钟前',
    'age.h': '{n}小时前',
    'age.d': '{n}天前',
    'series.today': '今日',
    'series.yesterday': '昨日',
    'marker.escalated': '越级访',
    'rank.red': '红榜',
    'rank.black': '黑榜',
    'rank.none': '暂无',
    'rank.month': '{month} 月',
    'rank.tied': '并列第{n}',
    'rank.floor': '红榜须达 {floor}',
    'cmp.deadline': '截止 {t}',
    'cmp.ok': '已报',
    'cmp.late': '迟报',
    'cmp.missing': '漏报',
    'cmp.pending': '待报',
    'legend.ok': '正常',
    'legend.missing': '漏报',
    'legend.overdue': '超时未报',
    'legend.alert': '告警',
    'alerts.none': '当前无未处置告警',
    'sev.critical': '严重',
    'sev.warning': '警告',
    'sev.info': '提示',
    'sev.overdue': '超期',
    'panel.cases': '事件闭环 · 在办与超期',
    'cases.open': '在办事件',
    'cases.overdue': '超期',
    'cases.nearDue': '临期',
    'cases.signedOnTime': '按时签收率',
    'cases.closedOnTime': '按期结案率',
    'cases.short.open': '在办',
    'cases.short.overdue': '超期',
    'cases.short.nearDue': '临期',
    'cases.short.signedOnTime': '按时签收',
    'cases.short.closedOnTime': '按期结案',
    'tag.supervised.red': '红色督办',
    'tag.supervised.yellow': '黄色督办',
    'tag.due': '时限 {t}',
    'notice.loading': '正在加载指挥中心大屏…',
    'notice.loadingText': 'Loading the wall screen…',
    'notice.noKey': '缺少显示密钥',
    'notice.noKeyText': 'Display key missing.\n请使用带显示密钥的地址打开本页：/?key=…\nOpen this page with its display key: /?key=…',
    'notice.badKey': '显示密钥无效',
    'notice.badKeyText': 'Display key not accepted (HTTP 401).\n请联系管理员核对大屏的显示密钥。\nAsk the administrator to check this screen\'s display key.',
    'notice.down': '正在连接服务器…',
    'notice.downText': 'Connecting to the server… 服务器暂不可达，将自动重试。\nThe server cannot be reached yet; retrying by itself.',
    'notice.badScope': '无权查看该区域',
    'notice.badScopeText': '此显示密钥不能查看所请求的区域（{scope}，HTTP 403）。\n请去掉地址中的 scope= 或联系管理员。\nThis display key may not show that area: remove scope= from the address or ask the administrator.',
    'notice.broken': '大屏出错',
    'notice.brokenText': 'The wall screen failed to start: {detail}',
  },
  en: {
    title: 'Command Centre',
    subtitle: 'Sweep daily · review daily · report daily',
    'badge.connecting': 'CONNECTING',
    'badge.live': 'LIVE',
    'badge.reconnecting': 'RECONNECTING',
    'badge.stale': 'STALE since {t}',
    'stale.banner': 'DATA STALE · nothing from the server since {t}',
    'store.memory': 'In-memory store: data is lost when the server restarts',
    'panel.checkpoints': 'Checkpoints today: checked vs turned back',
    'panel.trend': 'Hourly {metric}: today / yesterday',
    'panel.map': 'Town map',
    'figures.state': 'State',
    'figures.rate': 'On-time rate',
    'figures.alerts': 'Open alerts',
    'panel.compliance': 'Daily reports today',
    'panel.petitions': 'Petitions by village and channel, today',
    'panel.ranking': 'Sanitation ranking, red and black list',
    'panel.alerts': 'Alerts',
    'panel.escalated': 'Escalated',
    'panel.townMap': 'Towns',
    'panel.townBars': 'Turned back and petitions by town, today',
    'panel.townCompliance': 'Daily reports on time by town, today',
    'panel.rankScore': 'Towns by mean sanitation score',
    'panel.rankOnTime': 'Towns by on-time reporting, today',
    'bar.petitions': 'Petitions',
    'town.rate': 'on time {rate}',
    'town.alerts': 'alerts: {n}',
    'town.worst': 'Worst: ',
    'town.allOnTime': 'all on time',
    'town.counts': 'due {expected} · in {reported} · late {late} · missing {missing}',
    'tag.escalated': 'ESCALATED · {from}',
    'alerts.noEscalated': 'No alerts escalated by the towns',
    'legend.rateLow': 'low on-time rate',
    'kpi.today': '{label} today',
    'kpi.petitions': 'Petitions received today',
    'kpi.disputes': 'Disputes resolved / screened',
    'kpi.score': 'Average sanitation score',
    'kpi.age': 'newest data {age}',
    'kpi.noData': 'no data today yet',
    'kpi.overdue': 'overdue · {age}',
    'age.now': 'just now',
    'age.s': '{n} s ago',
    'age.m': '{n} min ago',
    'age.h': '{n} h ago',
    'age.d': '{n} d ago',
    'series.today': 'Today',
    'series.yesterday': 'Yesterday',
    'marker.escalated': 'esc.',
    'rank.red': 'Red list',
    'rank.black': 'Black list',
    'rank.none': 'none yet',
    'rank.month': '{month}',
    'rank.tied': 'tied {n}',
    'rank.floor': 'red list from {floor}',
    'cmp.deadline': 'due {t}',
    'cmp.ok': 'reported',
    'cmp.late': 'late',
    'cmp.missing': 'missing',
    'cmp.pending': 'pending',
    'legend.ok': 'OK',
    'legend.missing': 'missed',
    'legend.overdue': 'overdue',
    'legend.alert': 'alert',
    'alerts.none': 'No open alerts',
    'sev.critical': 'CRITICAL',
    'sev.warning': 'WARNING',
    'sev.info': 'INFO',
    'sev.overdue': 'OVERDUE',
    'panel.cases': 'Cases: open, overdue, on time',
    'cases.open': 'Open cases',
    'cases.overdue': 'Overdue',
    'cases.nearDue': 'Near due',
    'cases.signedOnTime': 'Signed on time',
    'cases.closedOnTime': 'Closed on time',
    'cases.short.open': 'Open',
    'cases.short.overdue': 'Late',
    'cases.short.nearDue': 'Near',
    'cases.short.signedOnTime': 'Signed',
    'cases.short.closedOnTime': 'Closed',
    'tag.supervised.red': 'RED SUPERVISION',
    'tag.supervised.yellow': 'YELLOW SUPERVISION',
    'tag.due': 'due {t}',
    'notice.loading': 'Loading the wall screen…',
    'notice.loadingText': '正在加载指挥中心大屏…',
    'notice.noKey': 'Display key missing · 缺少显示密钥',
    'notice.noKeyText': 'Open this page with its display key: /?key=…\n请使用带显示密钥的地址打开本页：/?key=…',
    'notice.badKey': 'Display key not accepted · 显示密钥无效',
    'notice.badKeyText': 'The server answered HTTP 401.\nAsk the administrator to check this screen\'s display key.\n请联系管理员核对大屏的显示密钥。',
    'notice.down': 'Connecting to the server…',
    'notice.downText': 'The server cannot be reached yet; retrying by itself.\n服务器暂不可达，将自动重试。',
    'notice.badScope': 'Area not available to this display key · 无权查看该区域',
    'notice.badScopeText': 'The server answered HTTP 403 for the area {scope}.\nRemove scope= from the address or ask the administrator.\n此显示密钥不能查看所请求的区域，请去掉地址中的 scope= 或联系管理员。',
    'notice.broken': 'The wall screen failed',
    'notice.brokenText': 'The wall screen failed to start: {detail}',
  },
};

/** Adds a page's own texts ({zh: {...}, en: {...}}), e.g. the duty console's or the field page's. */
export function addTexts(tables) {
  for (const language in tables) Object.assign(TEXT[language], tables[language]);
}

// Catalogue units are Chinese measure words; in English most read better as nothing.
const UNITS_EN = { '辆': '', '人': '', '件': '', '起': '', '分': 'pts', '个': '' };

/**
 * Switches the language in place, without a reload (the field page may have no network), and keeps
 * the choice in the address so a reload keeps it too. The caller redraws what it shows.
 */
export function setLang(next) {
  lang = next === 'en' ? 'en' : 'zh';
  numberFormat = new Intl.NumberFormat(lang === 'en' ? 'en-US' : 'zh-CN');
  const url = new URL(location.href);
  if (lang === 'en') url.searchParams.set('lang', 'en');
  else url.searchParams.delete('lang');
  history.replaceState(history.state, '', url);
}

export function t(key, vars) {
  let text = TEXT[lang][key] ?? TEXT.zh[key] ?? key;
  if (vars) {
    for (const name in vars) {
      text = text.replace('{' + name + '}', vars[name]);
    }
  }
  return text;
}

/** A catalogue entry's label in the current language: {label: {zh, en}} or a bare name. */
export function label(entry) {
  if (!entry) return '';
  const l = entry.label;
  return (l && (l[lang] || l.zh)) || entry.name || entry.key || entry.id || '';
}

export function unit(metric) {
  if (!metric || !metric.unit) return '';
  return lang === 'en' ? (UNITS_EN[metric.unit] ?? metric.unit) : metric.unit;
}

/** The age of something seen `ms` ago, e.g. 3分钟前 / 3 min ago. */
export function age(ms) {
  if (ms < 10_000) return t('age.now');
  const s = Math.floor(ms / 1000);
  if (s < 60) return t('age.s', { n: s });
  if (s < 3600) return t('age.m', { n: Math.floor(s / 60) });
  if (s < 86400) return t('age.h', { n: Math.floor(s / 3600) });
  return t('age.d', { n: Math.floor(s / 86400) });
}

let numberFormat = new Intl.NumberFormat(lang === 'en' ? 'en-US' : 'zh-CN');
export function num(value, digits = 0) {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return digits ? value.toFixed(digits) : numberFormat.format(Math.round(value));
}

/** Fills every [data-i18n] element under root with its text. */
export function applyStatic(root) {
  document.documentElement.lang = lang === 'en' ? 'en' : 'zh-CN';
  for (const el of root.querySelectorAll('[data-i18n]')) {
    el.textContent = t(el.dataset.i18n);
  }
}
