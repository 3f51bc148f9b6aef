/**
 * Rule: the document security store (ETSI EN 319 142-1 5.4.2: /DSS with /Certs, /CRLs, /OCSPs and the
 * per-signature /VRI), LTA_UPDATES. Validation data may be added or extended in any revision; what it
 * holds is set aside from the walk of the document, so an object that is both validation data and
 * reached from page content stays an illegal change there.
 */
import { sameValue } from '../same-value';
import { walkRefs } from '../object-graph';
import type { DiffRule, RuleContext } from '../rules-api';

export const dssRule: DiffRule = { name: 'dss', apply };

function apply(context: RuleContext): void {
  const { file, previous, current, catalogBefore, catalogNow, changed } = context;
  const before = catalogBefore.get('DSS');
  const now = catalogNow.get('DSS');
  const dssChanged = !sameValue(file, before, now, previous, current);
  if (!dssChanged && now === undefined) return;
  const oldDss = new Set<number>();
  walkRefs(file, before, previous, (ref) => {
    oldDss.add(ref.num);
    return true;
  });
  walkRefs(file, now, current, (ref) => {
    if (!changed.has(ref.num)) return false;
    if (file.getObject(ref.num, previous) === undefined || oldDss.has(ref.num)) {
      context.validationData.add(ref.num);
      return true;
    }
    return false;
  });
  if (dssChanged || context.validationData.size > 0) context.added('validation-data');
}
