import type { GateCellCode } from '../../../core/contract/gate-cells';

/**
 * A gate check's value, limit and detail in Hindi (core/contract/gate-cells.ts): keyed by the
 * core's codes, so a code added there without its Hindi fails the build. `{unit}` brings its own
 * leading space; a host's error message and the trainer's baseline name stay as they are.
 */
export const hiGateCells: Record<GateCellCode, string> = {
  'all-present': 'सभी मौजूद',
  'inputs-missing': 'अनुपलब्ध: {inputs}',
  span: '{low} … {high}',
  versus: '{cand}{unit} बनाम {ref}{unit}',
  'versus-better': '{cand}{unit} बनाम {ref}{unit} ({pct} % बेहतर)',
  'versus-worse': '{cand}{unit} बनाम {ref}{unit} ({pct} % खराब)',
  'versus-more': '{cand}{unit} बनाम {ref}{unit} (+{diff}{unit})',
  'versus-less': '{cand}{unit} बनाम {ref}{unit} (−{diff}{unit})',
  percent: '{pct} %',
  inputs: '{inputs}',
  'at-least': '≥ {min}',
  'more-than': '> {min}',
  'at-most': '≤ {max}',
  comparable: 'तुलनीय',
  lower: 'कम',
  'not-required': 'आवश्यक नहीं',
  'gain-at-least': '≥ {pct} % बेहतर',
  'worse-at-most': '≤ {pct} % खराब',
  'percent-at-most': '≤ {pct} %',
  'allowance-production': '≤ +{allow}{unit} (सभी पंक्तियों पर प्रोडक्शन @{version} के {metric} {floor}{unit} का {pct} %)',
  'allowance-baseline': '≤ +{allow}{unit} (सभी पंक्तियों पर रजिस्ट्री बेसलाइन के {metric} {floor}{unit} का {pct} %)',
  'no-dataset': 'कोई डेटासेट दर्ज नहीं (आयातित मॉडल)',
  'rows-since': '{date} से पंक्तियाँ, जहाँ इसका लैग इतिहास के भीतर है',
  'production-cannot-score': 'प्रोडक्शन @{version} इस होल्डआउट पर प्रेडिक्शन नहीं दे सका, रनटाइम के अपने शब्दों में: “{error}”',
  'not-comparable-refit':
    'तुलनीय नहीं: {model}@{version} होल्डआउट सहित सभी {n} पंक्तियों पर फिर से फ़िट हुआ; नई पंक्तियों पर तुलना करें (पंक्तियों के साथ जाँचें) या ओवरराइड के साथ प्रोडक्शन में भेजें',
  'not-comparable-imported':
    'तुलनीय नहीं: {model}@{version} आयातित है, इसलिए पता नहीं कि यह इनमें से किन पंक्तियों पर प्रशिक्षित हुआ; नई पंक्तियों पर तुलना करें (पंक्तियों के साथ जाँचें) या ओवरराइड के साथ प्रोडक्शन में भेजें',
  'not-comparable-other-data':
    'तुलनीय नहीं: {model}@{version} दूसरे डेटा या दूसरे विभाजन पर प्रशिक्षित हुआ और प्रशिक्षण की कोई अंतिम तिथि दर्ज नहीं करता, इसलिए हो सकता है यह इन पंक्तियों पर प्रशिक्षित हुआ हो; नई पंक्तियों पर तुलना करें (पंक्तियों के साथ जाँचें) या ओवरराइड के साथ प्रोडक्शन में भेजें',
  'not-comparable-seen':
    'तुलनीय नहीं: {model}@{version} इनकी सभी {n} पंक्तियों पर प्रशिक्षित हुआ या अर्ली-स्टॉप हुआ; नई पंक्तियों पर तुलना करें (पंक्तियों के साथ जाँचें) या ओवरराइड के साथ प्रोडक्शन में भेजें',
  'not-comparable-seen-through':
    'तुलनीय नहीं: {model}@{version} इनकी सभी {n} पंक्तियों पर प्रशिक्षित हुआ या अर्ली-स्टॉप हुआ (इसकी पंक्तियाँ {date} तक हैं); नई पंक्तियों पर तुलना करें (पंक्तियों के साथ जाँचें) या ओवरराइड के साथ प्रोडक्शन में भेजें',
  'rows-production-unseen': '{all} होल्डआउट पंक्तियों में से उन {rows} पर जिन पर प्रोडक्शन कभी प्रशिक्षित नहीं हुआ',
  'trainer-baseline': '{name}, प्रशिक्षण की {rows} होल्डआउट पंक्तियों पर',
  'no-baseline': 'इस संस्करण के लिए कोई बेसलाइन सहेजी नहीं गई',
  'baseline-mean': '{target} का औसत',
  'baseline-mean-by': '{column} के अनुसार {target} का औसत',
  'baseline-shares': 'कुल वर्ग-हिस्से',
  'baseline-shares-by': '{column} के अनुसार वर्ग-हिस्से',
  'baseline-smoothed-shares': 'समतल किए गए कुल वर्ग-हिस्से',
  'baseline-smoothed-shares-by': '{column} के अनुसार समतल किए गए वर्ग-हिस्से',
  'segment-rows': '{n|# पंक्ति|# पंक्तियाँ}',
  'recent-inputs': '{n} हाल के इनपुट',
  'holdout-inputs': '{n} होल्डआउट इनपुट',
};
