import { Grid } from '@material-ui/core';
import { Content, Header, Page } from '@backstage/core-components';
import {
  HomePageStarredEntities,
  HomePageToolkit,
} from '@backstage/plugin-home';
import { HomePageSearchBar } from '@backstage/plugin-search';
import CategoryIcon from '@material-ui/icons/Category';
import CreateIcon from '@material-ui/icons/AddCircleOutline';
import ExtensionIcon from '@material-ui/icons/Extension';
import NotificationsIcon from '@material-ui/icons/Notifications';

const tools = [
  { url: '/catalog', label: 'Catalog', icon: <CategoryIcon /> },
  { url: '/create', label: 'Create', icon: <CreateIcon /> },
  { url: '/api-docs', label: 'APIs', icon: <ExtensionIcon /> },
  {
    url: '/notifications',
    label: 'Notifications',
    icon: <NotificationsIcon />,
  },
];

export const HomePage = () => (
  <Page themeId="home">
    <Header
      title="Agentic DevOps"
      subtitle="Your developer portal, with agents that plan, fix and check your services"
      pageTitleOverride="Home"
    />
    <Content>
      <Grid container spacing={3}>
        <Grid item xs={12}>
          <HomePageSearchBar placeholder="Search the portal" />
        </Grid>
        <Grid item xs={12} md={6}>
          <HomePageStarredEntities />
        </Grid>
        <Grid item xs={12} md={6}>
          <HomePageToolkit tools={tools} />
        </Grid>
      </Grid>
    </Content>
  </Page>
);
