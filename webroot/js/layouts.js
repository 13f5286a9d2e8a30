// The two wall-screen layouts and the panels each draws: a town's (its villages and sites, as it has
// always been) and a district's (its towns as units). The catalogue's scope picks one at start.
import * as kpis from './panels/kpis.js';
import * as checkpoints from './panels/checkpoints.js';
import * as trend from './panels/trend.js';
import * as petitions from './panels/petitions.js';
import * as ranking from './panels/ranking.js';
import * as map from './panels/map.js';
import * as compliance from './panels/compliance.js';
import * as ticker from './panels/ticker.js';
import * as cases from './panels/cases.js';
import * as townMap from './district/town-map.js';
import * as townBars from './district/town-bars.js';
import * as townRanking from './district/town-ranking.js';
import * as townCompliance from './district/town-compliance.js';
import * as escalated from './district/escalated.js';

/**
 * Each panel, the parts of the state it draws from ('clock': it shows an age), its element, and how
 * often at most it redraws. The tiles follow every delta; a chart redraws its whole canvas, so charts
 * take the newest data twice a second at most (nothing is dropped: the next redraw shows it).
 */
const CHART_EVERY_MS = 500;

const TOWN = [
  { module: kpis, deps: ['totals', 'sites', 'clock'], el: '#kpis', every: 0 },
  { module: checkpoints, deps: ['sites'], el: '#panel-checkpoints [data-chart]', every: CHART_EVERY_MS },
  { module: trend, deps: ['trend', 'clock'], el: '#panel-trend [data-chart]', every: CHART_EVERY_MS },
  { module: petitions, deps: ['areas'], el: '#panel-petitions [data-chart]', every: CHART_EVERY_MS },
  { module: ranking, deps: ['ranking'], el: '#panel-ranking', every: CHART_EVERY_MS },
  { module: map, deps: ['sites', 'alerts', 'compliance', 'clock'], el: '#panel-map', every: 0 },
  { module: compliance, deps: ['compliance'], el: '#panel-compliance', every: 0 },
  { module: cases, deps: ['cases'], el: '#panel-cases', every: 0 },
  { module: ticker, deps: ['alerts', 'cases'], el: '#ticker', every: 0 },
];

const DISTRICT = [
  { module: kpis, deps: ['totals', 'sites', 'clock'], el: '#kpis', every: 0 },
  { module: townBars, deps: ['areas'], el: '#panel-town-bars [data-chart]', every: CHART_EVERY_MS },
  { module: trend, deps: ['trend', 'clock'], el: '#panel-trend [data-chart]', every: CHART_EVERY_MS },
  { module: townMap, deps: ['alerts', 'compliance'], el: '#panel-town-map', every: 0 },
  { module: townCompliance, deps: ['compliance'], el: '#panel-town-compliance', every: 0 },
  { module: townRanking, deps: ['ranking', 'compliance'], el: '#town-ranking', every: 0 },
  { module: cases, deps: ['cases'], el: '#panel-cases', every: 0 },
  { module: ticker, deps: ['alerts', 'cases'], el: '#ticker', every: 0, options: escalated.tickerOptions },
];

/**
 * The panels of the layout, its body put in place first: the page holds the town's body, and the
 * district's in a template that replaces it.
 * @returns {panels, mapStates, view} for the render loop and the tests' hooks: what the map and the
 *   charts show, which a canvas does not tell
 */
export function mount(layout, doc) {
  if (layout !== 'district') return { panels: TOWN, mapStates: map.shownStates, view: () => ({ cases: cases.shown() }) };
  const body = doc.querySelector('main.body');
  body.replaceWith(doc.getElementById('district-body').content.cloneNode(true));
  escalated.relabel(doc.getElementById('ticker'));
  return {
    panels: DISTRICT,
    mapStates: townMap.shownStates,
    view: () => ({ bars: townBars.shownBars(), mapLabels: townMap.shownLabels(), cases: cases.shown() }),
  };
}
