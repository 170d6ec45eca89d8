import { Spin } from 'antd';
import { lazy, Suspense, type ReactNode } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { AppLayout } from './components/AppLayout';
import { RequireAuth } from './components/RequireAuth';

// One chunk per screen: the first page loads only what it shows.
const Login = lazy(() => import('./pages/Login'));
const Overview = lazy(() => import('./pages/overview/Overview'));
const WebhookList = lazy(() => import('./pages/webhooks/WebhookList'));
const WebhookEditor = lazy(() => import('./pages/webhooks/WebhookEditor'));
const BroadcastList = lazy(() => import('./pages/sends/BroadcastList'));
const BroadcastDetail = lazy(() => import('./pages/sends/BroadcastDetail'));
const DeliveryLog = lazy(() => import('./pages/deliveries/DeliveryLog'));
const DeliveryDetailPage = lazy(() => import('./pages/deliveries/DeliveryDetailPage'));
const Customers = lazy(() => import('./pages/customers/Customers'));
const CustomerPage = lazy(() => import('./pages/customers/CustomerPage'));
const Groups = lazy(() => import('./pages/groups/Groups'));
const GroupDetail = lazy(() => import('./pages/groups/GroupDetail'));
const Loyalty = lazy(() => import('./pages/loyalty/Loyalty'));
const Settings = lazy(() => import('./pages/settings/Settings'));
const JourneyList = lazy(() => import('./pages/journeys/JourneyList'));
// The canvas page is the only one that loads React Flow.
const JourneyPage = lazy(() => import('./pages/journeys/JourneyPage'));
const RunPage = lazy(() => import('./pages/journeys/runs/RunPage'));
const FormList = lazy(() => import('./pages/forms/FormList'));
const FormPage = lazy(() => import('./pages/forms/FormPage'));
const InboundList = lazy(() => import('./pages/inbound/InboundList'));
const InboundPage = lazy(() => import('./pages/inbound/InboundPage'));
const AuditLog = lazy(() => import('./pages/audit/AuditLog'));

const page = (node: ReactNode) => <Suspense fallback={<Spin style={{ display: 'block', margin: 48 }} />}>{node}</Suspense>;

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={page(<Login />)} />
      <Route
        element={
          <RequireAuth>
            <AppLayout />
          </RequireAuth>
        }
      >
        <Route index element={page(<Overview />)} />
        <Route path="webhooks" element={page(<WebhookList />)} />
        <Route path="webhooks/new" element={page(<WebhookEditor />)} />
        <Route path="webhooks/:id" element={page(<WebhookEditor />)} />
        <Route path="sends" element={page(<BroadcastList />)} />
        <Route path="sends/:id" element={page(<BroadcastDetail />)} />
        <Route path="deliveries" element={page(<DeliveryLog />)} />
        <Route path="deliveries/:id" element={page(<DeliveryDetailPage />)} />
        <Route path="customers" element={page(<Customers />)} />
        <Route path="customers/:id" element={page(<CustomerPage />)} />
        <Route path="groups" element={page(<Groups />)} />
        <Route path="groups/:id" element={page(<GroupDetail />)} />
        <Route path="loyalty" element={page(<Loyalty />)} />
        <Route path="settings" element={page(<Settings />)} />
        <Route path="journeys" element={page(<JourneyList />)} />
        <Route path="journeys/new" element={page(<JourneyPage />)} />
        <Route path="journeys/:id" element={page(<JourneyPage />)} />
        <Route path="journey-runs/:id" element={page(<RunPage />)} />
        <Route path="forms" element={page(<FormList />)} />
        <Route path="forms/new" element={page(<FormPage />)} />
        <Route path="forms/:id" element={page(<FormPage />)} />
        <Route path="inbound" element={page(<InboundList />)} />
        <Route path="inbound/new" element={page(<InboundPage />)} />
        <Route path="inbound/:id" element={page(<InboundPage />)} />
        <Route path="audit" element={page(<AuditLog />)} />
        <Route path="*" element={<Navigate to="/" replace />} />
      </Route>
    </Routes>
  );
}
