import { Button, Flex, Typography } from 'antd';
import { useT } from '../../../i18n';
import type { NodeType } from '../../../lib/models';
import { PALETTE_MIME } from './JourneyCanvas';
import { NODE_TYPES, NODES } from './nodes';

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
          icon={<span style={{ color: NODES[type].color }}>{NODES[type].icon}</span>}
          draggable
          onDragStart={(e) => {
            e.dataTransfer.setData(PALETTE_MIME, type);
            e.dataTransfer.effectAllowed = 'move';
          }}
          onClick={() => onAdd(type)}
          data-testid={`palette-${type}`}
        >
          {t(NODES[type].label)}
        </Button>
      ))}
    </Flex>
  );
}
