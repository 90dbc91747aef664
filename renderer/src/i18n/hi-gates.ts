import type { GateCheckCode, GateSummaryCode } from '../../../core/contract/gate-text';
import type { TrainStepCode } from '../../../core/contract/train-steps';

/**
 * The promotion gates' summaries and check names in Hindi (core/contract/gate-text.ts), and a
 * training's steps (core/contract/train-steps.ts): keyed by the core's codes, so a code added there
 * without its Hindi fails the build. Placeholders: {name}; `{unit}` brings its own leading space.
 */
export const hiGateSummaries: Record<GateSummaryCode, string> = {
  'checks-passed': '{n|# जाँच सफल|# जाँचें सफल}',
  'checks-failed': '{n} जाँच विफल: {checks}',
  'checks-failed-values': 'विफल जाँचें: {checks}',
  'no-holdout-target': 'जाँचने के लिए होल्डआउट की कोई पंक्ति नहीं: लक्ष्य वाली मूल्यांकन पंक्तियाँ दें',
  'no-held-out-figure':
    'होल्डआउट का कोई आँकड़ा नहीं: {model}@{version} होल्डआउट सहित सभी {n} पंक्तियों पर फिर से फ़िट हुआ और प्रशिक्षण ने होल्डआउट {metric} दर्ज नहीं किया',
  'figure-on-holdout': '{rows} होल्डआउट पंक्तियों पर {metric} {value}{unit}',
  'figure-on-latest-holdout': '{all} होल्डआउट पंक्तियों में से नवीनतम {rows} पर {metric} {value}{unit}',
  'figure-on-last-holdout': '{all} होल्डआउट पंक्तियों में से अंतिम {rows} पर {metric} {value}{unit}',
  'figure-on-part-holdout': '{all} होल्डआउट पंक्तियों में से {rows} पर {metric} {value}{unit}',
  'figure-on-fit':
    'रोकी गई पंक्तियों के बिना वाले फ़िट पर {metric} {value}{unit} ({model}@{version} होल्डआउट सहित सभी {n} पंक्तियों पर फिर से फ़िट हुआ)',
  'not-evaluated-refit':
    'जाँचा नहीं गया: {model}@{version} होल्डआउट सहित सभी {n} पंक्तियों पर फिर से फ़िट हुआ, इसलिए वहाँ इसकी खंडवार त्रुटियाँ प्रशिक्षण की त्रुटियाँ हैं; इसे उन पंक्तियों पर जाँचें जिन पर यह कभी प्रशिक्षित नहीं हुआ, या ओवरराइड के साथ प्रोडक्शन में भेजें',
  'not-evaluated-no-reference':
    'जाँचा नहीं गया: इसके खंडों की तुलना के लिए कुछ नहीं है (न प्रोडक्शन, न बेसलाइन); ओवरराइड के साथ प्रोडक्शन में भेजें',
  'no-holdout-rows': 'जाँचने के लिए होल्डआउट की कोई पंक्ति नहीं',
  'no-segment-column': '≥ {min} पंक्तियों वाला कोई खंड कॉलम ({columns}) नहीं',
  'segments-worse-production': '{n} में से {failed} खंड प्रोडक्शन @{version} से खराब: {segments}',
  'segments-worse-baseline': '{n} में से {failed} खंड रजिस्ट्री बेसलाइन से खराब: {segments}',
  'segments-ok-production': '{n} खंड प्रोडक्शन @{version} से खराब नहीं',
  'segments-ok-baseline': '{n} खंड रजिस्ट्री बेसलाइन से खराब नहीं',
  'no-production': 'कोई प्रोडक्शन संस्करण नहीं: संगति जाँचने के लिए कुछ नहीं',
  'few-inputs': 'तुलना के लिए केवल {n} इनपुट (चाहिए {min})',
  'cannot-compare-recent': 'हाल के इनपुट पर प्रेडिक्शन की तुलना नहीं हो सकी, रनटाइम के अपने शब्दों में: “{error}”',
  'cannot-compare-holdout': 'होल्डआउट इनपुट पर प्रेडिक्शन की तुलना नहीं हो सकी, रनटाइम के अपने शब्दों में: “{error}”',
  'class-psi-recent': '{n} हाल के इनपुट पर अनुमानित वर्गों का PSI {psi}',
  'class-psi-holdout': '{n} होल्डआउट इनपुट पर अनुमानित वर्गों का PSI {psi}',
  'change-recent': '{n} हाल के इनपुट पर {share} % प्रेडिक्शन, प्रोडक्शन वाले से {change} % के भीतर',
  'change-holdout': '{n} होल्डआउट इनपुट पर {share} % प्रेडिक्शन, प्रोडक्शन वाले से {change} % के भीतर',
};

export const hiGateChecks: Record<GateCheckCode, string> = {
  'inputs-match': 'इनपुट प्रोडक्शन से मेल खाते हैं',
  'training-rows': 'प्रशिक्षण पंक्तियाँ',
  'holdout-rows': 'लक्ष्य वाली होल्डआउट पंक्तियाँ',
  'missing-rate': '{feature} की अनुपलब्ध दर',
  range: '{feature} का मान-क्षेत्र',
  'vs-production': '{metric} बनाम प्रोडक्शन',
  'vs-production-at': '{metric} बनाम प्रोडक्शन @{version}',
  'vs-naive-baseline': '{metric} बनाम सरल बेसलाइन',
  'vs-registry-baseline': '{metric} बनाम रजिस्ट्री बेसलाइन',
  segment: 'खंड {column}={value}',
  'class-psi': 'अनुमानित वर्गों का PSI बनाम प्रोडक्शन @{version}',
  'prediction-change': 'प्रेडिक्शन में P{share} बदलाव बनाम प्रोडक्शन @{version}',
};

export const hiTrainSteps: Record<TrainStepCode, string> = {
  'loading-history': '{table} इतिहास लोड हो रहा है',
  'training-rows': '{source} से {rows} प्रशिक्षण पंक्तियाँ',
  'reading-csv': '{path} पढ़ी जा रही है',
  saving: '{dir} सहेजा जा रहा है',
};
