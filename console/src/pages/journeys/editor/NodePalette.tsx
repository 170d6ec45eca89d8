import { Button, Flex, Typography } from 'antd';
import { useT, type MessageKey } from '../../../i18n';
import { NODE_TYPES, type NodeType } from '../../../lib/models';
import { NODE_COLORS, NODE_ICONS } from './FlowNodes';
import { PALETTE_MIME } from './JourneyCanvas';

/** 添加节点: click adds a node under the others; dragging one onto the canvas puts it where it is dropped. */
export function NodePalette({ onAdd }: { onAdd: (type: NodeType) => void }) {
  const { t } = useT();
  return (
    <Flex gap={6} wrap align="center" data-testid="node-palette">
      <Typography.Text type="secondary">{t('journey.palette')}</Typography.Text>
      {NODE_TYPES.map((type) => (
        <Button
            key={type}
            title={t('journey.paletteHint')}
            size="small"
            icon={<span style={{ color: NODE_COLORS[type] }}>{NODE_ICONS[type]}</span>}
            draggable
            onDragStart={(e) => { e.dataTransfer.setData(PALETTE_MIME, type); e.dataTransfer.effectAllowed = 'move'; }}
            onClick={() => onAdd(type)}
            data-testid={`palette-${type}`}
          >
            {t(`journey.node.${type}` as MessageKey)}
          </Button>
      ))}
    </Flex>
  );
}
