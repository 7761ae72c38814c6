// The wire schema of every event payload (and of the values nested in them). Field names are the
// C++ member names (snake_case). Changing a field here is a schema change: bump the version and
// add an upcaster in event_codec.cc (see TierChanged v1 → v2). Internal to the codec.
#pragma once

#include "domain/account/account_events.h"
#include "domain/codec/schema.h"
#include "domain/complaint/complaint_events.h"
#include "domain/org/org_events.h"
#include "domain/project/project_events.h"
#include "domain/reminder/reminder_events.h"
#include "domain/survey/survey_events.h"
#include "domain/visit/visit_events.h"

namespace kd = keyledger::domain;

// Nested values.
KL_SCHEMA(kd::AccountProfile, 0, KL_F(kd::AccountProfile, name), KL_F(kd::AccountProfile, credit_code),
          KL_F(kd::AccountProfile, nature), KL_F(kd::AccountProfile, industry), KL_F(kd::AccountProfile, scale),
          KL_F(kd::AccountProfile, address), KL_F(kd::AccountProfile, region), KL_F(kd::AccountProfile, source),
          KL_F(kd::AccountProfile, payment_habit), KL_F(kd::AccountProfile, funding_status),
          KL_F(kd::AccountProfile, credit_notes), KL_F(kd::AccountProfile, construction_customer));
KL_SCHEMA(kd::Affiliate, 0, KL_F(kd::Affiliate, account), KL_F(kd::Affiliate, relation));
KL_SCHEMA(kd::PersonalProfile, 0, KL_F(kd::PersonalProfile, hobbies), KL_F(kd::PersonalProfile, birthday),
          KL_F(kd::PersonalProfile, education), KL_F(kd::PersonalProfile, notes));
KL_SCHEMA(kd::KeyPerson, 0, KL_F(kd::KeyPerson, id), KL_F(kd::KeyPerson, name), KL_F(kd::KeyPerson, title),
          KL_F(kd::KeyPerson, decision_role), KL_F(kd::KeyPerson, relationship), KL_F(kd::KeyPerson, decision_weight),
          KL_F(kd::KeyPerson, known_by), KL_F(kd::KeyPerson, next_contact), KL_F(kd::KeyPerson, profile));
KL_SCHEMA(kd::QualificationFacts, 0, KL_F(kd::QualificationFacts, independent_legal_person),
          KL_F(kd::QualificationFacts, litigation_or_malicious_arrears), KL_F(kd::QualificationFacts, centralised_purchasing),
          KL_F(kd::QualificationFacts, core_channel), KL_F(kd::QualificationFacts, cooperation_year),
          KL_F(kd::QualificationFacts, gross_profit), KL_F(kd::QualificationFacts, technical_service_revenue),
          KL_F(kd::QualificationFacts, own_service_revenue), KL_F(kd::QualificationFacts, channel_contracts_signed));
KL_SCHEMA(kd::AccountPlan, 0, KL_F(kd::AccountPlan, customer_info), KL_F(kd::AccountPlan, affiliates),
          KL_F(kd::AccountPlan, past_cooperation), KL_F(kd::AccountPlan, sales_potential), KL_F(kd::AccountPlan, products),
          KL_F(kd::AccountPlan, resources_needed));
KL_SCHEMA(kd::ProjectDetails, 0, KL_F(kd::ProjectDetails, name), KL_F(kd::ProjectDetails, account),
          KL_F(kd::ProjectDetails, customer_name), KL_F(kd::ProjectDetails, end_user), KL_F(kd::ProjectDetails, products),
          KL_F(kd::ProjectDetails, contract_amount), KL_F(kd::ProjectDetails, win_probability),
          KL_F(kd::ProjectDetails, margin), KL_F(kd::ProjectDetails, expected_signing), KL_F(kd::ProjectDetails, stage),
          KL_F(kd::ProjectDetails, notes));
KL_SCHEMA(kd::ConflictHit, 0, KL_F(kd::ConflictHit, project), KL_F(kd::ConflictHit, owner), KL_F(kd::ConflictHit, vp),
          KL_F(kd::ConflictHit, reason));
KL_SCHEMA(kd::CreditShare, 0, KL_F(kd::CreditShare, user), KL_F(kd::CreditShare, percent));
KL_SCHEMA(kd::ProjectChanges, 0, KL_F(kd::ProjectChanges, contract_amount), KL_F(kd::ProjectChanges, win_probability),
          KL_F(kd::ProjectChanges, margin), KL_F(kd::ProjectChanges, expected_signing), KL_F(kd::ProjectChanges, stage),
          KL_F(kd::ProjectChanges, products));
KL_SCHEMA(kd::ConstructionSatisfaction, 0, KL_F(kd::ConstructionSatisfaction, quality),
          KL_F(kd::ConstructionSatisfaction, progress), KL_F(kd::ConstructionSatisfaction, technical_management),
          KL_F(kd::ConstructionSatisfaction, materials), KL_F(kd::ConstructionSatisfaction, safety),
          KL_F(kd::ConstructionSatisfaction, documents), KL_F(kd::ConstructionSatisfaction, site_conduct),
          KL_F(kd::ConstructionSatisfaction, service_cooperation));
KL_SCHEMA(kd::SurveyScore, 0, KL_F(kd::SurveyScore, dimension), KL_F(kd::SurveyScore, score));
KL_SCHEMA(kd::ReminderSubject, 0, KL_F(kd::ReminderSubject, type), KL_F(kd::ReminderSubject, id));

// Org events.
KL_SCHEMA(kd::OrgUnitCreated, 1, KL_F(kd::OrgUnitCreated, id), KL_F(kd::OrgUnitCreated, name),
          KL_F(kd::OrgUnitCreated, parent), KL_F(kd::OrgUnitCreated, kind));
KL_SCHEMA(kd::UnitManagerAssigned, 1, KL_F(kd::UnitManagerAssigned, unit), KL_F(kd::UnitManagerAssigned, manager));
KL_SCHEMA(kd::UserCreated, 1, KL_F(kd::UserCreated, id), KL_F(kd::UserCreated, username),
          KL_F(kd::UserCreated, display_name), KL_F(kd::UserCreated, role), KL_F(kd::UserCreated, unit),
          KL_F(kd::UserCreated, email), KL_F(kd::UserCreated, language), KL_F(kd::UserCreated, password_hash));
KL_SCHEMA(kd::UserRoleChanged, 1, KL_F(kd::UserRoleChanged, user), KL_F(kd::UserRoleChanged, role));
KL_SCHEMA(kd::UserMoved, 1, KL_F(kd::UserMoved, user), KL_F(kd::UserMoved, unit));
KL_SCHEMA(kd::UserDisabled, 1, KL_F(kd::UserDisabled, user));
KL_SCHEMA(kd::UserEnabled, 1, KL_F(kd::UserEnabled, user));
KL_SCHEMA(kd::UserPasswordChanged, 1, KL_F(kd::UserPasswordChanged, user), KL_F(kd::UserPasswordChanged, password_hash));
KL_SCHEMA(kd::UserProfileUpdated, 1, KL_F(kd::UserProfileUpdated, user), KL_F(kd::UserProfileUpdated, display_name),
          KL_F(kd::UserProfileUpdated, email), KL_F(kd::UserProfileUpdated, language));

// Account events.
KL_SCHEMA(kd::AccountOpened, 1, KL_F(kd::AccountOpened, account), KL_F(kd::AccountOpened, code),
          KL_F(kd::AccountOpened, tier), KL_F(kd::AccountOpened, profile), KL_F(kd::AccountOpened, opened_by));
KL_SCHEMA(kd::AccountProfileUpdated, 1, KL_F(kd::AccountProfileUpdated, profile));
KL_SCHEMA(kd::AffiliateAdded, 1, KL_F(kd::AffiliateAdded, affiliate));
KL_SCHEMA(kd::AffiliateRemoved, 1, KL_F(kd::AffiliateRemoved, account));
KL_SCHEMA(kd::TierChanged, 2, KL_F(kd::TierChanged, previous_tier), KL_F(kd::TierChanged, tier),
          KL_F(kd::TierChanged, reason));
KL_SCHEMA(kd::KeyPersonAdded, 1, KL_F(kd::KeyPersonAdded, person));
KL_SCHEMA(kd::KeyPersonUpdated, 1, KL_F(kd::KeyPersonUpdated, person));
KL_SCHEMA(kd::OwnerChanged, 1, KL_F(kd::OwnerChanged, previous_owner), KL_F(kd::OwnerChanged, owner),
          KL_F(kd::OwnerChanged, reason), KL_F(kd::OwnerChanged, note), KL_F(kd::OwnerChanged, decided_by));
KL_SCHEMA(kd::NamedApplicationSubmitted, 1, KL_F(kd::NamedApplicationSubmitted, applicant),
          KL_F(kd::NamedApplicationSubmitted, plan), KL_F(kd::NamedApplicationSubmitted, qualification),
          KL_F(kd::NamedApplicationSubmitted, owned_named_count), KL_F(kd::NamedApplicationSubmitted, needs_gm_approval));
KL_SCHEMA(kd::NamedApplicationChecked, 1, KL_F(kd::NamedApplicationChecked, reviewer),
          KL_F(kd::NamedApplicationChecked, passed), KL_F(kd::NamedApplicationChecked, reason));
KL_SCHEMA(kd::NamedApplicationVpReviewed, 1, KL_F(kd::NamedApplicationVpReviewed, vp),
          KL_F(kd::NamedApplicationVpReviewed, approved), KL_F(kd::NamedApplicationVpReviewed, reason),
          KL_F(kd::NamedApplicationVpReviewed, justification), KL_F(kd::NamedApplicationVpReviewed, vp_review_complete));
KL_SCHEMA(kd::NamedApplicationGmReviewed, 1, KL_F(kd::NamedApplicationGmReviewed, gm),
          KL_F(kd::NamedApplicationGmReviewed, approved), KL_F(kd::NamedApplicationGmReviewed, reason),
          KL_F(kd::NamedApplicationGmReviewed, second_review));
KL_SCHEMA(kd::NamedSecondReviewRequested, 1, KL_F(kd::NamedSecondReviewRequested, applicant),
          KL_F(kd::NamedSecondReviewRequested, reason));
KL_SCHEMA(kd::AccountNamed, 1, KL_F(kd::AccountNamed, owner));
KL_SCHEMA(kd::NamedStatusRevoked, 1, KL_F(kd::NamedStatusRevoked, reason), KL_F(kd::NamedStatusRevoked, revoked_by));
KL_SCHEMA(kd::AccountReviewRecorded, 1, KL_F(kd::AccountReviewRecorded, period), KL_F(kd::AccountReviewRecorded, reviewer),
          KL_F(kd::AccountReviewRecorded, plan_met), KL_F(kd::AccountReviewRecorded, notes));
KL_SCHEMA(kd::QualificationAssessed, 1, KL_F(kd::QualificationAssessed, facts), KL_F(kd::QualificationAssessed, qualified),
          KL_F(kd::QualificationAssessed, failures));
KL_SCHEMA(kd::AccountFileRead, 1, KL_F(kd::AccountFileRead, reader), KL_F(kd::AccountFileRead, reader_role),
          KL_F(kd::AccountFileRead, at));

// Project events.
KL_SCHEMA(kd::ProjectRegistered, 1, KL_F(kd::ProjectRegistered, project), KL_F(kd::ProjectRegistered, details),
          KL_F(kd::ProjectRegistered, owner), KL_F(kd::ProjectRegistered, owner_unit),
          KL_F(kd::ProjectRegistered, approver_vp), KL_F(kd::ProjectRegistered, reactivates), KL_F(kd::ProjectRegistered, at));
KL_SCHEMA(kd::NonOwnerRegistrationNotified, 1, KL_F(kd::NonOwnerRegistrationNotified, account_owner),
          KL_F(kd::NonOwnerRegistrationNotified, notified));
KL_SCHEMA(kd::ConflictReviewOpened, 1, KL_F(kd::ConflictReviewOpened, hits), KL_F(kd::ConflictReviewOpened, reviewers));
KL_SCHEMA(kd::ConflictReviewed, 1, KL_F(kd::ConflictReviewed, reviewer), KL_F(kd::ConflictReviewed, conflict),
          KL_F(kd::ConflictReviewed, reason));
KL_SCHEMA(kd::ConflictCleared, 1);
KL_SCHEMA(kd::ConflictObjectionRaised, 1, KL_F(kd::ConflictObjectionRaised, by), KL_F(kd::ConflictObjectionRaised, reason));
KL_SCHEMA(kd::ConflictObjectionRuled, 1, KL_F(kd::ConflictObjectionRuled, by), KL_F(kd::ConflictObjectionRuled, upheld),
          KL_F(kd::ConflictObjectionRuled, reason));
KL_SCHEMA(kd::ProjectApproved, 1, KL_F(kd::ProjectApproved, by), KL_F(kd::ProjectApproved, number),
          KL_F(kd::ProjectApproved, reason), KL_F(kd::ProjectApproved, at));
KL_SCHEMA(kd::ProjectDeferred, 1, KL_F(kd::ProjectDeferred, by), KL_F(kd::ProjectDeferred, reason));
KL_SCHEMA(kd::ProjectRejected, 1, KL_F(kd::ProjectRejected, by), KL_F(kd::ProjectRejected, reason),
          KL_F(kd::ProjectRejected, rule));
KL_SCHEMA(kd::CreditSplitRecorded, 1, KL_F(kd::CreditSplitRecorded, shares), KL_F(kd::CreditSplitRecorded, decided_by_management),
          KL_F(kd::CreditSplitRecorded, recorded_by), KL_F(kd::CreditSplitRecorded, note));
KL_SCHEMA(kd::ProjectUpdated, 1, KL_F(kd::ProjectUpdated, note), KL_F(kd::ProjectUpdated, changes), KL_F(kd::ProjectUpdated, at));
KL_SCHEMA(kd::ProjectPutOnHold, 1, KL_F(kd::ProjectPutOnHold, measured_from), KL_F(kd::ProjectPutOnHold, causation));
KL_SCHEMA(kd::ReactivationRequested, 1, KL_F(kd::ReactivationRequested, why_not_updated),
          KL_F(kd::ReactivationRequested, why_resume));
KL_SCHEMA(kd::ReactivationAccepted, 1, KL_F(kd::ReactivationAccepted, by), KL_F(kd::ReactivationAccepted, successor),
          KL_F(kd::ReactivationAccepted, reason));
KL_SCHEMA(kd::ReactivationDeclined, 1, KL_F(kd::ReactivationDeclined, by), KL_F(kd::ReactivationDeclined, reason));
KL_SCHEMA(kd::ContractReviewRequested, 1, KL_F(kd::ContractReviewRequested, note));
KL_SCHEMA(kd::ContractSigned, 1, KL_F(kd::ContractSigned, by), KL_F(kd::ContractSigned, signed_amount),
          KL_F(kd::ContractSigned, signed_at));
KL_SCHEMA(kd::ProjectClosed, 1, KL_F(kd::ProjectClosed, reason));

// Complaint events.
KL_SCHEMA(kd::ComplaintOpened, 1, KL_F(kd::ComplaintOpened, complaint), KL_F(kd::ComplaintOpened, account),
          KL_F(kd::ComplaintOpened, content), KL_F(kd::ComplaintOpened, contact), KL_F(kd::ComplaintOpened, severity),
          KL_F(kd::ComplaintOpened, cause), KL_F(kd::ComplaintOpened, opened_by), KL_F(kd::ComplaintOpened, at));
KL_SCHEMA(kd::ComplaintAssigned, 1, KL_F(kd::ComplaintAssigned, unit), KL_F(kd::ComplaintAssigned, assignee),
          KL_F(kd::ComplaintAssigned, first_contact_due));
KL_SCHEMA(kd::FirstContactMade, 1, KL_F(kd::FirstContactMade, note), KL_F(kd::FirstContactMade, at),
          KL_F(kd::FirstContactMade, late));
KL_SCHEMA(kd::ResolutionPlanned, 1, KL_F(kd::ResolutionPlanned, measures), KL_F(kd::ResolutionPlanned, responsible),
          KL_F(kd::ResolutionPlanned, deadline));
KL_SCHEMA(kd::ComplaintResolved, 1, KL_F(kd::ComplaintResolved, feedback), KL_F(kd::ComplaintResolved, at));
KL_SCHEMA(kd::FollowUpVisited, 1, KL_F(kd::FollowUpVisited, satisfied), KL_F(kd::FollowUpVisited, note),
          KL_F(kd::FollowUpVisited, at));
KL_SCHEMA(kd::ComplaintClosed, 1, KL_F(kd::ComplaintClosed, note), KL_F(kd::ComplaintClosed, at));
KL_SCHEMA(kd::ComplaintReopened, 1, KL_F(kd::ComplaintReopened, reason), KL_F(kd::ComplaintReopened, at));
KL_SCHEMA(kd::ComplaintCauseCategorised, 1, KL_F(kd::ComplaintCauseCategorised, cause));

// Visit and survey events.
KL_SCHEMA(kd::VisitLogged, 1, KL_F(kd::VisitLogged, visit), KL_F(kd::VisitLogged, account), KL_F(kd::VisitLogged, visitor),
          KL_F(kd::VisitLogged, kind), KL_F(kd::VisitLogged, date), KL_F(kd::VisitLogged, people_met),
          KL_F(kd::VisitLogged, content), KL_F(kd::VisitLogged, report), KL_F(kd::VisitLogged, satisfaction));
KL_SCHEMA(kd::SurveyRecorded, 1, KL_F(kd::SurveyRecorded, survey), KL_F(kd::SurveyRecorded, account),
          KL_F(kd::SurveyRecorded, period), KL_F(kd::SurveyRecorded, scores), KL_F(kd::SurveyRecorded, comments),
          KL_F(kd::SurveyRecorded, owner), KL_F(kd::SurveyRecorded, recorded_by), KL_F(kd::SurveyRecorded, at));

// Reminder events.
KL_SCHEMA(kd::ReminderRaised, 1, KL_F(kd::ReminderRaised, kind), KL_F(kd::ReminderRaised, subject),
          KL_F(kd::ReminderRaised, recipients), KL_F(kd::ReminderRaised, due_at), KL_F(kd::ReminderRaised, raised_at),
          KL_F(kd::ReminderRaised, causation));
KL_SCHEMA(kd::ReminderAcknowledged, 1, KL_F(kd::ReminderAcknowledged, by), KL_F(kd::ReminderAcknowledged, at));
KL_SCHEMA(kd::ReminderCancelled, 1, KL_F(kd::ReminderCancelled, reason), KL_F(kd::ReminderCancelled, causation),
          KL_F(kd::ReminderCancelled, at));
