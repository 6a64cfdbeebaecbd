import { EnableExtensions1795886688232 } from './1795886688232-EnableExtensions';
import { CoreSchema1795886688233 } from './1795886688233-CoreSchema';
import { AccountsAndSessions1795888800000 } from './1795888800000-AccountsAndSessions';
import { EquipmentCatalogue1795892400000 } from './1795892400000-EquipmentCatalogue';
import { BookingEngine1795896000000 } from './1795896000000-BookingEngine';
import { OutboxDelivery1795899600000 } from './1795899600000-OutboxDelivery';
import { ReportFunctions1795906800000 } from './1795906800000-ReportFunctions';
import { ReportOpenDays1795910400000 } from './1795910400000-ReportOpenDays';
import { NotificationsAndFeeds1795903200000 } from './1795903200000-NotificationsAndFeeds';
import { ReportBookingDays1796083200000 } from './1796083200000-ReportBookingDays';
import { ConvergeReportFunctions1796169600000 } from './1796169600000-ConvergeReportFunctions';
import { ReportFillItems1796342400000 } from './1796342400000-ReportFillItems';
import { AccountSecurity1796428800000 } from './1796428800000-AccountSecurity';
import { JobPeriods1796515200000 } from './1796515200000-JobPeriods';
import { ItemHistory1796601600000 } from './1796601600000-ItemHistory';
import { StemmedSearch1796688000000 } from './1796688000000-StemmedSearch';
import { EquipmentLife1796774400000 } from './1796774400000-EquipmentLife';
import { Campaigns1796860800000 } from './1796860800000-Campaigns';
import { Attestations1796860801000 } from './1796860801000-Attestations';
import { ClusterLife1796947200000 } from './1796947200000-ClusterLife';
import { VersionedFunctions1797100000000 } from './1797100000000-VersionedFunctions';
import { PersonalData1797200000000 } from './1797200000000-PersonalData';
import { BookingQuestions1797600000000 } from './1797600000000-BookingQuestions';
import { CampaignClusters1797800000000 } from './1797800000000-CampaignClusters';
import { StoryPhotos1797900000000 } from './1797900000000-StoryPhotos';

/**
 * Every migration, in order. A landed migration is never edited: add a new one, then
 * `node apps/api/scripts/migration-manifest.js` (manifest.spec.ts checks this list and the manifest).
 */
export const MIGRATIONS = [
  EnableExtensions1795886688232,
  CoreSchema1795886688233,
  AccountsAndSessions1795888800000,
  EquipmentCatalogue1795892400000,
  BookingEngine1795896000000,
  OutboxDelivery1795899600000,
  NotificationsAndFeeds1795903200000,
  ReportFunctions1795906800000,
  ReportOpenDays1795910400000,
  ReportBookingDays1796083200000,
  ConvergeReportFunctions1796169600000,
  ReportFillItems1796342400000,
  AccountSecurity1796428800000,
  JobPeriods1796515200000,
  ItemHistory1796601600000,
  StemmedSearch1796688000000,
  EquipmentLife1796774400000,
  Campaigns1796860800000,
  Attestations1796860801000,
  ClusterLife1796947200000,
  VersionedFunctions1797100000000,
  PersonalData1797200000000,
  BookingQuestions1797600000000,
  CampaignClusters1797800000000,
  StoryPhotos1797900000000,
];
