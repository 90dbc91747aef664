import type { BaselineKind, BaselineLabel } from '../../../core/contract/baseline-names';

/**
 * The naive forecasts a trained model must beat, in Hindi (core/contract/baseline-names.ts): keyed
 * by the core's codes, so a baseline added there without its Hindi fails the build. Key columns
 * are ids and stay as they are. Placeholders: {label}, {keys}.
 */
export const hiBaselineLabels: Record<BaselineLabel, string> = {
  'seasonal-naive': 'मौसमी सरल पूर्वानुमान (52 सप्ताह पहले का वही सप्ताह-दिन)',
  'mean-28-days': 'पिछले 28 दिनों का औसत, 14 दिन पहले ज्ञात',
  'lane-median-cost': 'लेन की माध्यिका लागत',
  'lane-mean-cost': 'लेन की औसत लागत',
  'point-median-rate': 'लोडिंग पॉइंट की माध्यिका दर',
  'point-product-median-rate': 'लोडिंग पॉइंट × उत्पाद की माध्यिका दर',
  'point-wagon-median-delay': 'लोडिंग पॉइंट × वैगन प्रकार की माध्यिका देरी',
  'point-median-delay': 'लोडिंग पॉइंट की माध्यिका देरी',
  'lane-median-transit': 'लेन का माध्यिका यात्रा समय',
  'lane-wagon-median-transit': 'लेन × वैगन प्रकार का माध्यिका यात्रा समय',
  'destination-mode-share': 'गंतव्य के अनुसार परिवहन साधन का हिस्सा',
};

export const hiBaselineKinds: Record<BaselineKind, string> = {
  column: '{label}',
  mean: '{label} (प्रशिक्षण अवधि का औसत; प्रशिक्षण में न आए {keys} के लिए कुल औसत)',
  median: '{label} (प्रशिक्षण अवधि की माध्यिका; प्रशिक्षण में न आए {keys} के लिए कुल माध्यिका)',
  shares: '{label} (प्रशिक्षण अवधि के वर्ग-हिस्से, समतल किए गए)',
};
